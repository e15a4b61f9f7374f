// The test PostgreSQL server and one administrative statement on it (creating and dropping the
// scratch databases tests that start processes or import need).
import pg from 'pg';

export const PG_SERVER =
  process.env.LEADSCORE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function pgAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_SERVER });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
