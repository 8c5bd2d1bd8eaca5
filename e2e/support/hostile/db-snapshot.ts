import { sql } from 'drizzle-orm';
import { openDatabase, rowsOf, type HubDatabase } from '../../../db/client';

/** Per table: how many rows, and a digest of their content (minus the columns `ignore` names). */
export type Snapshot = Record<string, { rows: number; digest: string }>;

/**
 * Opens the hub's database as the hub does (PostgreSQL when DATABASE_URL is set, else the
 * embedded data folder, which only one process may hold: stop the hub first).
 */
export async function withHubDatabase<T>(
  env: Record<string, string>,
  work: (database: HubDatabase) => Promise<T>,
): Promise<T> {
  const database = openDatabase({
    databaseUrl: env.DATABASE_URL || null,
    dataDir: env.HUB_DATA_DIR!,
  });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/**
 * Every table of the public schema, counted and digested. `ignore` lists columns per table that
 * change by design on refused requests (counters, last-used times), left out of the digest.
 */
export async function snapshotTables(
  database: HubDatabase,
  ignore: Record<string, string[]> = {},
): Promise<Snapshot> {
  const tables = rowsOf<{ name: string }>(
    await database.db.execute(sql`
      select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`),
  ).map((r) => r.name);
  const out: Snapshot = {};
  for (const table of tables) {
    const minus = (ignore[table] ?? []).map((c) => ` - '${c}'`).join('');
    const [row] = rowsOf<{ rows: number | string; digest: string | null }>(
      await database.db.execute(
        sql.raw(`select count(*) as rows,
          md5(coalesce(string_agg((to_jsonb(t)${minus})::text, '|' order by (to_jsonb(t)${minus})::text), '')) as digest
          from "${table}" t`),
      ),
    );
    out[table] = { rows: Number(row?.rows ?? 0), digest: row?.digest ?? '' };
  }
  return out;
}

/** The tables whose rows or content differ between two snapshots, with both counts. */
export function changedTables(before: Snapshot, after: Snapshot) {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names]
    .filter((n) => before[n]?.rows !== after[n]?.rows || before[n]?.digest !== after[n]?.digest)
    .map((n) => ({ table: n, before: before[n]?.rows ?? 0, after: after[n]?.rows ?? 0 }));
}
