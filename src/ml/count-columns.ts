// Event-count columns: a data set (the stored leads' features, a CSV for `train`) names the
// column that counts how often a lead did an event `did: <event>`.

export const DID = 'did: ';

const DID_PREFIX = /^did:\s*/i;

/** The event a count column counts, or null when the column is not one. */
export function eventOfCountColumn(column: string): string | null {
  if (!DID_PREFIX.test(column)) return null;
  const event = column.replace(DID_PREFIX, '').trim();
  return event === '' ? null : event;
}
