// The Dialect's JSON fragments and hints used by routing, the dashboard and reports give the same
// answers on both databases: tags merged in first-added order, ordered JSON aggregates that keep
// every digit, JSON fields compared with text columns, and row locks that read as plain SELECTs.
import { describe, expect, it } from 'vitest';
import { driverOpener } from './sql-test-drivers.js';
import { onTestStores } from './test-stores.js';

for (const { name } of onTestStores([{ name: 'sqlite' }, { name: 'postgres' }])) {
  describe(`the ${name} dialect's JSON fragments`, () => {
    const openDb = driverOpener(name);
    const open = async () => {
      const db = await openDb();
      const json = db.dialect.name === 'postgres' ? 'JSONB' : 'TEXT';
      await db.run(
        `CREATE TEMPORARY TABLE t (id TEXT PRIMARY KEY, tags ${json} NOT NULL,
           score DOUBLE PRECISION, segment TEXT, previous ${json})`,
      );
      return db;
    };

    it('appends to a JSON array only the new elements, in their order', async () => {
      const db = await open();
      const d = db.dialect;
      const merge = `INSERT INTO t (id, tags) VALUES (:id, :tags)
        ON CONFLICT (id) DO UPDATE SET tags = ${d.jsonArrayAppendNew('t.tags', 'excluded.tags')}`;
      const tags = async (id: string) =>
        d.readJson(
          (await db.get<{ tags: unknown }>('SELECT tags FROM t WHERE id = :id', { id }))?.tags,
        );
      await db.run(merge, { id: 'a', tags: JSON.stringify(['hot', 'webinar']) });
      expect(await tags('a')).toEqual(['hot', 'webinar']);
      await db.run(merge, { id: 'a', tags: JSON.stringify(['pricing', 'hot', 'b2b']) });
      expect(await tags('a')).toEqual(['hot', 'webinar', 'pricing', 'b2b']);
      await db.run(merge, { id: 'a', tags: '[]' });
      expect(await tags('a')).toEqual(['hot', 'webinar', 'pricing', 'b2b']);
      await db.run(merge, { id: 'b', tags: '[]' });
      await db.run(merge, { id: 'b', tags: JSON.stringify(['z', 'a']) });
      expect(await tags('b')).toEqual(['z', 'a']);
    });

    it('aggregates values into an ordered JSON array that keeps every digit', async () => {
      const db = await open();
      const d = db.dialect;
      const scores = [0.1 + 0.2, 1 / 3, 12.345678901234567, -7, 1e-9, 42];
      for (const [i, score] of scores.entries())
        await db.run("INSERT INTO t (id, tags, score) VALUES (:id, '[]', :score)", {
          id: `r${String(i).padStart(2, '0')}`,
          score,
        });
      const agg = async (where: string) =>
        (
          await db.get<{ all: unknown }>(
            `SELECT ${d.jsonArrayAgg('score', 'id DESC')} AS "all" FROM t WHERE ${where}`,
          )
        )?.all;
      expect(d.readJson(await agg('score IS NOT NULL'))).toEqual([...scores].reverse());
      const none = await agg('score IS NULL');
      expect(none === null ? [] : d.readJson(none)).toEqual([]);
    });

    it('reads a JSON field as text comparable with text columns; NULL when missing', async () => {
      const db = await open();
      const d = db.dialect;
      const insert = `INSERT INTO t (id, tags, segment, previous) VALUES (:id, '[]', :segment, :previous)`;
      await db.run(insert, { id: 'same', segment: 'hot', previous: '{"segment":"hot"}' });
      await db.run(insert, { id: 'moved', segment: 'hot', previous: '{"segment":"warm"}' });
      await db.run(insert, { id: 'nulled', segment: 'hot', previous: '{"segment":null}' });
      await db.run(insert, { id: 'missing', segment: 'hot', previous: '{}' });
      await db.run(insert, { id: 'none', segment: null, previous: '{"grade":"A"}' });
      const rows = await db.all<{ id: string }>(
        `SELECT id FROM t WHERE ${d.jsonField('previous', 'segment')} IS DISTINCT FROM segment
         ORDER BY id`,
      );
      expect(rows.map((r) => r.id)).toEqual(['missing', 'moved', 'nulled']);
      const text = await db.get<{ grade: unknown }>(
        `SELECT ${d.jsonField('previous', 'grade')} AS grade FROM t WHERE id = 'none'`,
      );
      expect(text?.grade).toBe('A');
      expect(() => d.jsonField('previous', "x') OR ('1")).toThrow(/not a plain JSON key/);
    });

    it('runs an unindexed comparison and a locking read as plain reads', async () => {
      const db = await open();
      const d = db.dialect;
      await db.run("INSERT INTO t (id, tags) VALUES ('a', '[]'), ('b', '[]')");
      const rows = await db.all<{ id: string }>(
        `SELECT id FROM t WHERE ${d.unindexed('id')} <> :skip ORDER BY id ${d.forUpdate}`,
        { skip: 'b' },
      );
      expect(rows).toEqual([{ id: 'a' }]);
    });
  });
}
