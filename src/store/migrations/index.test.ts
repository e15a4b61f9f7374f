// The one migration list holds together: ids in apply order, SQL for both dialects, and previous
// ids that can only ever name the migration they belong to.
import { describe, expect, it } from 'vitest';
import { migrationStep, type Dialect, type Migration } from '../migration.js';
import { migrations } from './index.js';

const DIALECTS: Dialect[] = ['sqlite', 'postgres'];

describe('the migration list', () => {
  it('numbers its ids 001, 002, ... in the order they apply', () => {
    migrations.forEach((m, i) => {
      expect(m.id).toMatch(/^\d{3}-[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(Number(m.id.slice(0, 3))).toBe(i + 1);
    });
  });

  it('gives each dialect SQL to run, or a comment saying why it has nothing to do', () => {
    for (const m of migrations)
      for (const dialect of DIALECTS) expect(m.sql[dialect].trim()).not.toBe('');
  });

  it('never gives a previous id that is another migration id, nor one twice in a dialect', () => {
    const current = new Set(migrations.map((m) => m.id));
    for (const dialect of DIALECTS) {
      const previous = migrations.flatMap((m) => m.previousIds?.[dialect] ?? []);
      expect(new Set(previous).size).toBe(previous.length);
      for (const id of previous) expect(current.has(id)).toBe(false);
    }
  });
});

describe('a migration step', () => {
  const jobs: Migration = {
    id: '009-job-results',
    previousIds: { sqlite: '010-job-results' },
    sql: { sqlite: 'CREATE TABLE a (x TEXT)', postgres: 'CREATE TABLE a (x JSONB)' },
  };

  it('applies the dialect SQL when neither its id nor its previous id is recorded', () => {
    expect(migrationStep(jobs, 'sqlite', new Set())).toEqual({
      kind: 'apply',
      sql: 'CREATE TABLE a (x TEXT)',
    });
    expect(migrationStep(jobs, 'postgres', new Set(['001-initial']))).toEqual({
      kind: 'apply',
      sql: 'CREATE TABLE a (x JSONB)',
    });
  });

  it('only records the id when the dialect recorded it under its previous id', () => {
    expect(migrationStep(jobs, 'sqlite', new Set(['010-job-results']))).toEqual({
      kind: 'record',
      previousId: '010-job-results',
    });
    // The previous id is SQLite's: on PostgreSQL the same text names nothing of this migration.
    expect(migrationStep(jobs, 'postgres', new Set(['010-job-results']))).toMatchObject({
      kind: 'apply',
    });
  });

  it('does nothing once its id is recorded', () => {
    const both = new Set(['009-job-results', '010-job-results']);
    expect(migrationStep(jobs, 'sqlite', both)).toEqual({ kind: 'done' });
    expect(migrationStep(jobs, 'postgres', new Set(['009-job-results']))).toEqual({
      kind: 'done',
    });
  });
});
