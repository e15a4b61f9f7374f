// Reading numbers from CSV cells: blank is missing, not zero.

/** The number in a cell; NaN when it is blank or not a number. */
export function cellNumber(value: string): number {
  if (value.trim() === '') return NaN;
  const x = Number(value);
  return Number.isFinite(x) ? x : NaN;
}
