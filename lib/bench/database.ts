import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { openDatabase, rowsOf, type HubDatabase } from '@/db/client';
import { sql } from 'drizzle-orm';

export type BenchDatabase = {
  database: HubDatabase;
  /** what the hub sees: DATABASE_URL of the fresh database, or null for PGlite */
  databaseUrl: string | null;
  /** HUB_DATA_DIR for this run (a temporary folder, removed at the end) */
  dataDir: string;
  /** e.g. "PostgreSQL 15.20" or "PGlite 0.5.16 (PostgreSQL 17.5)" */
  label: string;
  /** Closes the client and drops what the run created; safe to call twice. */
  dispose(): Promise<void>;
};

const admin = (url: string) => postgres(url, { max: 1, onnotice: () => {} });

/**
 * A fresh, empty database for one run, so figures never depend on what an earlier run or a dev
 * hub left behind: `hub_bench_<time>` on the server of `serverUrl`, or PGlite in a temp folder.
 */
export async function openBenchDatabase(serverUrl: string | null): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-bench-'));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });

  if (!serverUrl) {
    const database = openDatabase({ databaseUrl: null, dataDir });
    let disposed = false;
    return {
      database,
      databaseUrl: null,
      dataDir,
      label: `PGlite ${pgliteVersion()} (PostgreSQL ${await serverVersion(database)})`,
      async dispose() {
        if (disposed) return;
        disposed = true;
        await database.close().catch(() => {});
        removeDir();
      },
    };
  }

  const name = `hub_bench_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
  const creator = admin(serverUrl);
  try {
    await creator.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await creator.end({ timeout: 5 });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = openDatabase({ databaseUrl: url.toString(), dataDir });
  let disposed = false;
  const dispose = async () => {
    if (disposed) return;
    disposed = true;
    await database.close().catch(() => {});
    const dropper = admin(serverUrl);
    try {
      await dropper.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await dropper.end({ timeout: 5 });
      removeDir();
    }
  };
  try {
    return {
      database,
      databaseUrl: url.toString(),
      dataDir,
      label: `PostgreSQL ${await serverVersion(database)}`,
      dispose,
    };
  } catch (err) {
    await dispose();
    throw err;
  }
}

async function serverVersion(database: HubDatabase): Promise<string> {
  const result = await database.db.execute(sql`show server_version`);
  const version = rowsOf<{ server_version: string }>(result)[0]?.server_version ?? '?';
  // Debian builds append their package name ("15.20 (Debian 15.20-0+deb12u1)").
  return version.split(' ')[0]!;
}

function pgliteVersion(): string {
  // Its "exports" map hides package.json, so walk up from the entry point to find it.
  let dir = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (dir !== path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@electric-sql/pglite') return pkg.version ?? '?';
    }
    dir = path.dirname(dir);
  }
  return '?';
}
