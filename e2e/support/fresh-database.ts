import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';

/**
 * The environment for a hub on a database of its own: a new database on the PostgreSQL server
 * named by DATABASE_URL when it is set, else a new embedded data folder. It is a copy of the run's
 * migrated template (global-setup.ts), or with `empty` a database no migration has touched yet,
 * as on a new machine.
 */
export async function freshDatabaseEnv(
  label: string,
  { empty = false }: { empty?: boolean } = {},
): Promise<Record<string, string>> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `hub-${label}-`));
  const base = process.env.DATABASE_URL;
  if (!base) {
    const template = process.env.E2E_TEMPLATE_DATA_DIR;
    if (template && !empty)
      cpSync(path.join(template, 'pglite'), path.join(dataDir, 'pglite'), { recursive: true });
    return { HUB_DATA_DIR: dataDir };
  }
  const name = `hub_e2e_${e2eRunId()}_${label}_${process.pid}_${Date.now()}`
    .replace(/[^a-z0-9_]/gi, '_')
    .toLowerCase();
  const template = empty ? undefined : process.env.E2E_TEMPLATE_DATABASE;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"${template ? ` template "${template}"` : ''}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { HUB_DATA_DIR: dataDir, DATABASE_URL: url.toString() };
}

/**
 * This run's tag in database names. playwright.config.ts sets it before workers and web servers
 * start, so they all inherit it and the teardown drops only this run's databases, never those of
 * a run beside it on the same server.
 */
export function e2eRunId(): string {
  return (process.env.E2E_RUN_ID ??= `r${process.pid}`);
}

/** Drops the databases this e2e run made on this server. */
export async function dropE2eDatabases(): Promise<void> {
  const base = process.env.DATABASE_URL;
  if (!base) return;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  try {
    const rows = await admin<
      { datname: string }[]
    >`select datname from pg_database where datname like 'hub_e2e_%'`;
    const ours = `hub_e2e_${e2eRunId()}_`.toLowerCase();
    for (const { datname } of rows.filter((row) => row.datname.startsWith(ours)))
      await admin.unsafe(`drop database if exists "${datname}" with (force)`);
  } finally {
    await admin.end();
  }
}
