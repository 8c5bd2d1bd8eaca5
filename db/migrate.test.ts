import { sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestOrg, setupTestDatabase } from '@/lib/testing/fixtures';
import { openMemoryDatabase, rowsOf, type HubDatabase } from './client';
import { MIGRATIONS_FOLDER, runMigrations } from './migrate';
import { insertAuditEvent } from '@/lib/audit/record';
import { ensureAuditPartitions } from './queries/audit-partitions';
import * as schema from './schema';

const database = setupTestDatabase();

async function query<T>(text: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await database().db.execute(text));
}

async function publicColumns(): Promise<string[]> {
  const rows = await query<{ c: string }>(sql`
    select table_name || '.' || column_name as c from information_schema.columns
    where table_schema = 'public' order by 1`);
  return rows.map((r) => r.c);
}

describe('runMigrations', () => {
  it('is a no-op when applied again', async () => {
    const org = await createTestOrg(database().db);
    const journalBefore = await query<{ hash: string }>(
      sql`select hash from drizzle.__drizzle_migrations order by id`,
    );
    const columnsBefore = await publicColumns();
    expect(journalBefore.length).toBeGreaterThan(0);

    await runMigrations(database());

    expect(
      await query<{ hash: string }>(sql`select hash from drizzle.__drizzle_migrations order by id`),
    ).toEqual(journalBefore);
    expect(await publicColumns()).toEqual(columnsBefore);
    const orgs = await query<{ id: string }>(sql`select id from orgs where id = ${org.id}`);
    expect(orgs).toHaveLength(1);
  });

  it('creates every table and column the schema declares', async () => {
    const columns = new Set(await publicColumns());
    const tables = Object.values(schema).filter((value) => value instanceof PgTable);
    expect(tables.length).toBeGreaterThan(10);
    const missing: string[] = [];
    for (const table of tables) {
      const config = getTableConfig(table);
      for (const column of config.columns) {
        const name = `${config.name}.${column.name}`;
        if (!columns.has(name)) missing.push(name);
      }
    }
    expect(missing).toEqual([]);
  });

  it('partitions the audit trail by range of recorded_at, with a default partition', async () => {
    const [parent] = await query<{ relkind: string; strategy: string; key: string }>(sql`
      select c.relkind, p.partstrat as strategy, pg_get_partkeydef(c.oid) as key
      from pg_class c join pg_partitioned_table p on p.partrelid = c.oid
      where c.relname = 'audit_events' and c.relnamespace = 'public'::regnamespace`);
    expect(parent).toEqual({ relkind: 'p', strategy: 'r', key: 'RANGE (recorded_at)' });

    const partitions = await query<{ name: string; bound: string }>(sql`
      select c.relname as name, pg_get_expr(c.relpartbound, c.oid) as bound
      from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = 'public.audit_events'::regclass`);
    expect(partitions).toContainEqual({ name: 'audit_events_default', bound: 'DEFAULT' });
  });

  it('creates the audit indexes on the partitioned parent, so every partition has them', async () => {
    await ensureAuditPartitions(database().db, { now: new Date('2031-05-01T00:00:00Z') });
    const parentIndexes = await query<{ name: string; kind: string }>(sql`
      select c.relname as name, c.relkind as kind from pg_index i
      join pg_class c on c.oid = i.indexrelid
      where i.indrelid = 'public.audit_events'::regclass order by 1`);
    const names = parentIndexes.map((i) => i.name);
    for (const name of ['tool', 'outcome', 'ip', 'source', 'search']) {
      expect(names).toContain(`audit_events_${name}_idx`);
    }
    expect(new Set(parentIndexes.map((i) => i.kind))).toEqual(new Set(['I']));

    const partitions = await query<{ name: string }>(sql`
      select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = 'public.audit_events'::regclass`);
    expect(partitions.map((p) => p.name)).toContain('audit_events_p2031_05');
    const attached = await query<{ parent: string; n: number }>(sql`
      select p.relname as parent, count(*)::int as n from pg_inherits i
      join pg_class p on p.oid = i.inhparent
      where i.inhparent in (select indexrelid from pg_index
        where indrelid = 'public.audit_events'::regclass)
      group by p.relname`);
    expect(attached).toHaveLength(parentIndexes.length);
    for (const row of attached) expect(row.n).toBe(partitions.length);
  });

  it('fills the search vector from the identifiers and the words of an event', async () => {
    const org = await createTestOrg(database().db);
    const [row] = await query<{ search: string }>(sql`
      insert into audit_events (org_id, occurred_at, type, summary, client_id, ip, tool)
      values (${org.id}, now(), 'tool.invoked', 'Alice used tool Search_Files', 'agent-7',
        '203.0.113.5', 'github.create_issue')
      returning search::text as search`);
    const lexemes = row!.search.split(' ').map((l) => l.replace(/'/g, ''));
    expect(lexemes).toEqual(
      expect.arrayContaining([
        'alice',
        'search',
        'files',
        'agent-7',
        'agent',
        '7',
        '203.0.113.5',
        '203',
        'github.create_issue',
        'create',
        'issue',
      ]),
    );
    expect(lexemes).not.toContain('Alice');
  });

  it('numbers a trail made before numbers existed, per org in id order, and goes on from there', async () => {
    // The migrations up to 0008 only, as a hub before per-org numbers had them.
    const folder = mkdtempSync(path.join(tmpdir(), 'migrations-'));
    cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
    const journalFile = path.join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as {
      entries: { idx: number; tag: string }[];
    };
    expect(journal.entries.some((e) => e.tag === '0009_audit_numbers')).toBe(true);
    journal.entries = journal.entries.filter((e) => e.idx < 9);
    writeFileSync(journalFile, JSON.stringify(journal));
    const old: HubDatabase = openMemoryDatabase();
    try {
      await runMigrations(old, folder);
      const [a, b] = [await createTestOrg(old.db), await createTestOrg(old.db)];
      for (const org of [a, b, a, a, b, a])
        await old.db.execute(sql`insert into audit_events (org_id, occurred_at, type, summary)
          values (${org.id}, now(), 'test.event', 'before numbers')`);

      await runMigrations(old);
      const numbered = rowsOf<{ org_id: string; number: number }>(
        await old.db.execute(sql`select org_id::text as org_id, number::int as number
          from audit_events order by id`),
      );
      expect(numbered.filter((r) => r.org_id === a.id).map((r) => r.number)).toEqual([1, 2, 3, 4]);
      expect(numbered.filter((r) => r.org_id === b.id).map((r) => r.number)).toEqual([1, 2]);
      await insertAuditEvent(old.db, a.id, { type: 'tool.invoked', summary: 'after' });
      const fresh = await createTestOrg(old.db);
      await insertAuditEvent(old.db, fresh.id, { type: 'tool.invoked', summary: 'first' });
      const next = rowsOf<{ org_id: string; number: number }>(
        await old.db.execute(sql`select org_id::text as org_id, number::int as number
          from audit_events where summary in ('after', 'first')`),
      );
      expect(next).toEqual(
        expect.arrayContaining([
          { org_id: a.id, number: 5 },
          { org_id: fresh.id, number: 1 },
        ]),
      );
    } finally {
      await old.close();
      rmSync(folder, { recursive: true, force: true });
    }
    // it migrates an empty database from the start, which takes long on a busy machine
  }, 120_000);
});
