import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../client';

/**
 * Many rows as one JSON parameter, read back with jsonb_to_recordset: one round trip for a whole
 * batch, no bind-parameter limit, and dates travel as ISO strings, which PGlite and postgres.js
 * bind alike (postgres.js cannot bind a Date inside a raw template). `::text::jsonb` keeps
 * postgres.js from encoding the string a second time.
 */
export function jsonRows(rows: readonly unknown[]): SQL {
  return sql`${JSON.stringify(rows)}::text::jsonb`;
}

/**
 * A list of strings as an array, for `column = any(…)`: unlike `in (subquery)` that lets an index
 * on the column be used whatever the planner's row estimates.
 */
export function textArray(values: Iterable<string>): SQL {
  return sql`array(select jsonb_array_elements_text(${JSON.stringify([...values])}::text::jsonb))`;
}

/** A list of uuids as an array, for `column = any(…)`. */
export function uuidArray(values: Iterable<string>): SQL {
  return sql`array(select (jsonb_array_elements_text(${JSON.stringify([...values])}::text::jsonb))::uuid)`;
}

/**
 * Runs independent writes as one statement, one round trip instead of one each. PostgreSQL runs
 * every data-modifying WITH to completion, all on one snapshot: none may depend on another's
 * effect or touch a row another touches.
 */
export async function executeTogether(
  tx: Executor,
  statements: readonly (SQL | null)[],
): Promise<void> {
  const list = statements.filter((s): s is SQL => s !== null);
  if (list.length === 0) return;
  if (list.length === 1) {
    await tx.execute(list[0]!);
    return;
  }
  const parts = list.map((s, i) => sql`${sql.raw(`w${i}`)} as (${s})`);
  await tx.execute(sql`with ${sql.join(parts, sql`, `)} select 1`);
}
