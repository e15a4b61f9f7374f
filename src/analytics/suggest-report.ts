// The text report of `leadscore suggest`: the chosen attributes, the points table, behaviour
// rules, grades and segments, and how the suggested (and the current) model rank the held-out leads.
import { alignTable, count, percent } from './format.js';
import type { HeldOutFigures, Suggestion } from './suggest.js';
import { LIFT_SHARE } from './suggest.js';
import { REPEATS } from './suggest-behaviours.js';

function figure(x: number, digits: number): string {
  return Number.isFinite(x) ? x.toFixed(digits) : 'n/a';
}

export function formatSuggestion(
  s: Suggestion,
  current?: { name: string; figures: HeldOutFigures },
): string {
  const rate = (c: number, n: number) => percent(n === 0 ? NaN : c / n);
  let out =
    `Suggested points from ${s.source} (target ${s.target}; converted: ${s.positive.join(', ')})\n` +
    `Training: ${count(s.train.leads, 'lead')}, ${s.train.conversions} converted ` +
    `(${rate(s.train.conversions, s.train.leads)}); held out: ${count(s.heldOut.leads, 'lead')}, ` +
    `${s.heldOut.conversions} converted (${rate(s.heldOut.conversions, s.heldOut.leads)})\n` +
    (s.method === 'lr'
      ? `Points = round(weight x WoE x ${s.pdo} / ln 2), weights from a logistic regression on ` +
        `the WoE values: ${s.pdo} points double the odds\n\n`
      : `Points = round(WoE x ${s.pdo} / ln 2): ${s.pdo} points double the odds\n\n`);

  out += `Attributes with IV >= ${s.minIv}:\n`;
  out += alignTable(
    ['attribute', 'kind', 'IV', 'weight', 'criteria'],
    s.attributes.map((a) => [
      a.name,
      a.kind,
      a.iv.toFixed(4),
      a.weight.toFixed(3),
      String(a.groups.filter((g) => g.points !== 0).length),
    ]),
    [false, false, true, true, true],
  );
  if (s.leftOut.length > 0) {
    out += `Left out (IV < ${s.minIv}): ${s.leftOut.map((a) => `${a.name} ${a.iv.toFixed(4)}`).join(', ')}\n`;
  }
  if (s.redundant.length > 0) {
    out += `Left out by the regression (weight <= 0): ${s.redundant.map((a) => `${a.name} ${a.iv.toFixed(4)}`).join(', ')}\n`;
  }
  if (s.skipped.length > 0) {
    out += `Skipped (nearly every value distinct): ${s.skipped.join(', ')}\n`;
  }

  out += '\nPoints (groups with 0 points give no criterion):\n';
  out += alignTable(
    ['criterion', 'leads', 'conversions', 'rate', 'WoE', 'points'],
    s.attributes.flatMap((a) =>
      a.groups.map((g) => [
        g.points === 0 ? `(${g.id})` : g.id,
        String(g.leads),
        String(g.conversions),
        rate(g.conversions, g.leads),
        g.woe.toFixed(3),
        String(g.points),
      ]),
    ),
    [false, true, true, true, true, true],
  );

  if (s.behaviours.length > 0) out += behaviourSection(s, rate);

  const grades = s.model.fit?.grades ?? [];
  out +=
    '\nGrades (by fit of training leads): ' +
    (grades.length === 0
      ? 'none (no fit criteria)'
      : grades.map((g) => (g.min === undefined ? g.grade : `${g.grade} >= ${g.min}`)).join(', ')) +
    '\n';
  if (s.droppedGrades.length > 0) {
    out += `Grades left out (same cut as the grade above): ${s.droppedGrades.join(', ')}\n`;
  }
  const by = s.rules.length > 0 ? 'score' : 'fit';
  out +=
    'Segments: ' +
    s.model.segments
      .map((seg) => (seg.min === undefined ? seg.id : `${seg.id} (${by} >= ${seg.min})`))
      .join(', ') +
    '\n';

  const top = `lift top ${LIFT_SHARE * 100}%`;
  const ranked =
    s.behaviours.length > 0 ? 'fit + behaviour points (count x points, up to the cap)' : 'fit';
  out += `\nHeld out (${count(s.heldOut.leads, 'lead')}), ranked by ${ranked}:\n`;
  const rows = [['suggested', figure(s.figures.auc, 4), figure(s.figures.lift, 2)]];
  if (current) {
    rows.push([
      `current (${current.name})`,
      figure(current.figures.auc, 4),
      figure(current.figures.lift, 2),
    ]);
  }
  out += alignTable(['model', 'ROC AUC', top], rows, [false, true, true]);
  return out;
}

function behaviourSection(s: Suggestion, rate: (c: number, n: number) => string): string {
  let out =
    `\nBehaviour rules (points per event; cap: the most a lead gets, above one event's when ` +
    `doing it ${REPEATS}+ times converts better still${s.method === 'lr' ? '; WoE alone' : ''}):\n`;
  out += alignTable(
    [
      'rule',
      'event',
      'IV',
      'did',
      'rate',
      'WoE',
      `did ${REPEATS}+`,
      'rate',
      'WoE',
      'points',
      'cap',
    ],
    s.rules.map((r) => [
      r.id,
      r.event,
      r.iv.toFixed(4),
      String(r.once.leads),
      rate(r.once.conversions, r.once.leads),
      r.once.woe.toFixed(3),
      String(r.repeated.leads),
      rate(r.repeated.conversions, r.repeated.leads),
      r.repeated.leads === 0 ? '-' : r.repeated.woe.toFixed(3),
      String(r.points),
      String(r.cap),
    ]),
    [false, false, true, true, true, true, true, true, true, true, true],
  );
  if (s.leftOutBehaviours.length > 0) {
    out +=
      `Behaviours left out (IV < ${s.minIv} or 0 points): ` +
      s.leftOutBehaviours.map((b) => `${b.column} ${b.iv.toFixed(4)}`).join(', ') +
      '\n';
  }
  return out;
}
