// The stores that store-backed tests run on: LEADSCORE_TEST_STORES, a comma-separated list of
// `sqlite` and `postgres` (both when unset). `npm run test:fast` runs on SQLite alone.
const KINDS = ['sqlite', 'postgres'] as const;
export type StoreName = (typeof KINDS)[number];

export function testStores(setting = process.env.LEADSCORE_TEST_STORES): StoreName[] {
  if (setting === undefined || setting.trim() === '') return [...KINDS];
  const names = setting.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !KINDS.some((kind) => kind === name));
  if (unknown.length > 0)
    throw new Error(
      `LEADSCORE_TEST_STORES: unknown store ${unknown.map((n) => `'${n}'`).join(', ')} ` +
        `(expected a comma-separated list of ${KINDS.join(', ')})`,
    );
  return KINDS.filter((kind) => names.includes(kind));
}

/** Those of the targets, one per store, that the tests run on. */
export function onTestStores<T extends { name: string }>(targets: T[]): T[] {
  const wanted = testStores();
  return targets.filter((target) => wanted.some((kind) => kind === target.name));
}
