// The two drivers of the dialect-free store core run the same statements with the same results:
// named and list parameters, booleans, JSON, tuples, and bulk inserts with conflicts and
// RETURNING, on a SQLite file and on the local PostgreSQL server.
import { describe, expect, it } from 'vitest';
import type { Column } from '../src/store/sql/sql-db.js';
import { driverOpener } from './sql-test-drivers.js';
import { onTestStores } from './test-stores.js';

interface Row {
  id: string;
  n: number;
  flag: boolean;
  doc: { a: number[] };
}

const COLUMNS: Column<Row>[] = [
  { name: 'id', type: 'text', value: (r) => r.id },
  { name: 'n', type: 'bigint', value: (r) => r.n },
  { name: 'flag', type: 'bool', value: (r) => r.flag },
  { name: 'doc', type: 'jsonb', value: (r) => r.doc },
];

for (const { name } of onTestStores([{ name: 'sqlite' }, { name: 'postgres' }])) {
  describe(`the ${name} driver`, () => {
    const openDb = driverOpener(name);
    const open = async () => {
      const db = await openDb();
      await db.run(
        `CREATE TEMPORARY TABLE t (ws TEXT NOT NULL, id TEXT NOT NULL, n BIGINT NOT NULL,
           flag BOOLEAN NOT NULL, doc ${db.dialect.name === 'postgres' ? 'JSONB' : 'TEXT'},
           PRIMARY KEY (ws, id))`,
      );
      return db;
    };
    const rows: Row[] = [
      { id: 'b', n: 2 ** 40, flag: true, doc: { a: [1, 2] } },
      { id: 'a', n: -3, flag: false, doc: { a: [] } },
    ];

    it('inserts many rows with RETURNING, and skips conflicts', async () => {
      const db = await open();
      const first = await db.insertMany<Row, { id: string; n: number }>({
        table: 't',
        fixed: { ws: 'w1' },
        columns: COLUMNS,
        rows,
        conflict: 'ON CONFLICT (ws, id) DO NOTHING',
        returning: 'id, n',
      });
      expect(first.sort((x, y) => x.id.localeCompare(y.id))).toEqual([
        { id: 'a', n: -3 },
        { id: 'b', n: 2 ** 40 },
      ]);
      const again = await db.insertMany({
        table: 't',
        fixed: { ws: 'w1' },
        columns: COLUMNS,
        rows: [...rows, { id: 'c', n: 0, flag: true, doc: { a: [3] } }],
        conflict: 'ON CONFLICT (ws, id) DO NOTHING',
        returning: 'id',
      });
      expect(again).toEqual([{ id: 'c' }]);
      const read = await db.all<{ id: string; n: number; flag: unknown; doc: unknown }>(
        `SELECT id, n, flag, doc FROM t WHERE ws = :ws AND id ${db.dialect.inList('ids')}
         ORDER BY id`,
        { ws: 'w1', ids: ['a', 'b', 'zz'] },
      );
      expect(
        read.map((r) => ({ ...r, flag: Boolean(r.flag), doc: db.dialect.readJson(r.doc) })),
      ).toEqual([
        { id: 'a', n: -3, flag: false, doc: { a: [] } },
        { id: 'b', n: 2 ** 40, flag: true, doc: { a: [1, 2] } },
      ]);
    });

    it('updates on conflict, counts changes, reads tuples and JSON keys', async () => {
      const db = await open();
      await db.insertMany({ table: 't', fixed: { ws: 'w' }, columns: COLUMNS, rows });
      await db.insertMany({
        table: 't',
        fixed: { ws: 'w' },
        columns: COLUMNS,
        rows: [{ id: 'a', n: 7, flag: true, doc: { a: [9] } }],
        conflict: 'ON CONFLICT (ws, id) DO UPDATE SET n = excluded.n, flag = excluded.flag',
      });
      expect(
        await db.run('UPDATE t SET n = n + 1 WHERE ws = :ws AND flag = :flag', {
          ws: 'w',
          flag: true,
        }),
      ).toBe(2);
      const tuples = await db.tuples<[string, number]>(
        'SELECT id, n FROM t WHERE ws = :ws ORDER BY id',
        { ws: 'w' },
      );
      expect(tuples).toEqual([
        ['a', 8],
        ['b', 2 ** 40 + 1],
      ]);
      const key = await db.get<{ v: string | null }>(
        `SELECT ${db.dialect.jsonText('doc', 'k')} AS v FROM t WHERE ws = :ws AND id = 'b'`,
        { ws: 'w', k: 'a' },
      );
      expect(JSON.parse(key!.v!)).toEqual([1, 2]);
      const listed = await db.all<{ value: string }>(
        `SELECT value FROM ${db.dialect.listTable('ids')} AS l ORDER BY value`,
        { ids: ['y', 'x'] },
      );
      expect(listed.map((r) => r.value)).toEqual(['x', 'y']);
    });

    it('writes JSON null as SQL NULL, in chunks as asked, and keeps tuples apart from rows', async () => {
      const db = await open();
      const docless = { ...rows[0]!, doc: null as unknown as Row['doc'] };
      const written = await db.insertMany<Row, { id: string }>({
        table: 't',
        fixed: { ws: 'w' },
        columns: COLUMNS,
        rows: [docless, { ...rows[1]!, id: 'c' }, rows[1]!],
        returning: 'id',
        chunk: 1,
      });
      expect(written.map((r) => r.id)).toEqual(['b', 'c', 'a']);
      const sql = 'SELECT id, doc IS NULL AS missing FROM t WHERE ws = :ws ORDER BY id';
      expect(await db.tuples<[string, unknown]>(sql, { ws: 'w' })).toHaveLength(3);
      const read = await db.all<{ id: string; missing: unknown }>(sql, { ws: 'w' });
      expect(read.map((r) => [r.id, Boolean(r.missing)])).toEqual([
        ['a', false],
        ['b', true],
        ['c', false],
      ]);
    });

    it('reads JSON keys, tells text past ASCII, and matches ignoring case', async () => {
      const db = await open();
      const d = db.dialect;
      await db.run(
        `CREATE TEMPORARY TABLE j (id TEXT NOT NULL, body ${d.name === 'postgres' ? 'JSON' : 'TEXT'})`,
      );
      await db.run(`INSERT INTO j (id, body) VALUES ('x', :body), ('y', :bad)`, {
        body: JSON.stringify({
          a: { b: [1, 'two'] },
          n: null,
          'odd key"': 'q',
          name: 'Ada Éclair',
        }),
        bad: d.name === 'postgres' ? '{"name": 3}' : '{"name": ',
      });
      const values = await db.tuples<[unknown, unknown, unknown, unknown]>(
        `SELECT ${d.jsonValue('body', 'a')}, ${d.jsonValue('body', 'n')},
           ${d.jsonValue('body', 'odd')}, ${d.jsonValue('body', 'missing')}
         FROM j WHERE id = 'x'`,
        { a: 'a', n: 'n', odd: 'odd key"', missing: 'nope' },
      );
      // JSON null and a missing key both read as null (PostgreSQL's driver parses json 'null').
      expect(values[0]!.map((v) => (v === null ? null : d.readJson(v)))).toEqual([
        { b: [1, 'two'] },
        null,
        'q',
        null,
      ]);
      const names = await db.all<{ id: string; name: unknown }>(
        `SELECT id, ${d.jsonKeyText('body', 'name')} AS name FROM j ORDER BY id`,
      );
      // An unreadable document reads as NULL on SQLite instead of failing the statement.
      expect(names.map((r) => r.id)).toEqual(['x', 'y']);
      expect(names[0]!.name).toBe('Ada Éclair');
      const matched = await db.all<{ id: string; wide: unknown }>(
        `SELECT id, ${d.beyondAscii(d.jsonKeyText('body', 'name'))} AS wide FROM j
         WHERE ${d.likeCaseless(d.jsonKeyText('body', 'name'), 'p')}`,
        { p: '%ada %' },
      );
      expect(matched.map((r) => [r.id, Boolean(r.wide)])).toEqual([['x', true]]);
      expect(() => d.jsonKeyText('body', "name') OR ('1")).toThrow(/plain JSON key/);
    });

    it('says which named parameter has no value', async () => {
      const db = await open();
      await expect(db.get('SELECT :missing AS x', {})).rejects.toThrow(/missing/);
    });
  });
}
