// A model condition in one line of text, for the editor's read-only summaries.

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const show = (v: unknown) => (typeof v === 'string' ? `"${v}"` : JSON.stringify(v));

export function conditionText(condition: unknown): string {
  if (!isRecord(condition)) return '';
  if (Array.isArray(condition.all))
    return `all of (${condition.all.map(conditionText).join('; ')})`;
  if (Array.isArray(condition.any))
    return `any of (${condition.any.map(conditionText).join('; ')})`;
  if ('not' in condition) return `not (${conditionText(condition.not)})`;
  const { field, ...ops } = condition;
  const [op, value] = Object.entries(ops)[0] ?? ['?', ''];
  return `${String(field)} ${op} ${show(value)}`;
}
