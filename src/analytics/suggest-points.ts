// Points from weights of evidence (pdo points double the odds) and the ids they are filed under,
// shared by the suggested fit criteria and the suggested engagement rules.

/** Half away from zero, so that +x and -x get opposite points. */
function roundHalfAway(x: number): number {
  const r = Math.sign(x) * Math.round(Math.abs(x));
  return r === 0 ? 0 : r;
}

/** Points of a weight of evidence: WoE x pdo / ln 2, rounded (pdo points double the odds). */
export function pointsFromWoe(woe: number, pdo: number): number {
  return roundHalfAway((woe * pdo) / Math.LN2);
}

/** Text usable in an id: letters, digits, `_`, `-`, `.`; starting with a letter or digit. */
export function slug(text: string, allowDot = true): string {
  const s = text.replace(allowDot ? /[^A-Za-z0-9_.-]+/g : /[^A-Za-z0-9_-]+/g, '_');
  return /^[A-Za-z0-9]/.test(s) ? s : `x${s}`;
}
