import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

/** The one database type the hub codes against, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything a query can run on: the database or an open transaction. */
export type Executor = Db | Tx;

export type DatabaseTarget = { databaseUrl: string | null; dataDir: string };

export type HubDatabase = {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** postgres.js client, for LISTEN/NOTIFY and advisory locks (PostgreSQL only) */
  pg: postgres.Sql | null;
  /**
   * LISTEN on `channel`: `onNotify` gets each NOTIFY payload, `onListen` runs each time the
   * listening connection is (re)established — a moment when notifications may have been missed.
   */
  listen(
    channel: string,
    onNotify: (payload: string) => void,
    onListen?: () => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

function pgliteDatabase(client: PGlite): HubDatabase {
  return {
    db: drizzlePglite(client, { schema }) as unknown as Db,
    kind: 'pglite',
    pg: null,
    listen: async (channel, onNotify, onListen) => {
      const unlisten = await client.listen(channel, onNotify);
      onListen?.();
      return () => unlisten();
    },
    close: () => client.close(),
  };
}

export function openDatabase(target: DatabaseTarget): HubDatabase {
  if (target.databaseUrl) {
    const pg = postgres(target.databaseUrl, {
      max: Number(process.env.HUB_DB_POOL_SIZE ?? 10),
      onnotice: () => {},
      // JIT compilation off: the hub's reads are short, and PostgreSQL prices a query by every row
      // its per-row subqueries could touch (the refusal checks of db/queries/refusals.ts), so JIT
      // kicked in and spent a second compiling a query that runs in tens of milliseconds.
      connection: { application_name: 'agent-identity-hub', jit: 'off' },
    });
    return {
      db: drizzlePostgres(pg, { schema }) as unknown as Db,
      kind: 'postgres',
      pg,
      listen: async (channel, onNotify, onListen) => {
        const { unlisten } = await pg.listen(channel, onNotify, onListen);
        return unlisten;
      },
      close: () => pg.end({ timeout: 5 }),
    };
  }
  const dir = path.join(target.dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  return pgliteDatabase(new PGlite(dir));
}

/**
 * An in-memory PGlite, for tests that want a private database; `template` is a data folder
 * dumped by `dumpMemoryDatabase`, so tests can copy one migrated database instead of migrating.
 */
export function openMemoryDatabase(template?: Blob): HubDatabase {
  return pgliteDatabase(new PGlite(template ? { loadDataDir: template } : undefined));
}

/** A migrated in-memory PGlite's data folder, as a tarball for `openMemoryDatabase`. */
export async function dumpMemoryDatabase(
  migrate: (database: HubDatabase) => Promise<void>,
): Promise<Blob> {
  const client = new PGlite();
  try {
    await migrate(pgliteDatabase(client));
    return await client.dumpDataDir('none');
  } finally {
    await client.close();
  }
}

// One client per process. Next compiles route handlers and pages into separate bundles that each
// evaluate this module, and PGlite must never be opened twice on one directory, so the instance
// lives on globalThis rather than in a module variable.
const holder = globalThis as typeof globalThis & { __agentHubDatabase?: HubDatabase };

export function setDatabase(database: HubDatabase): void {
  holder.__agentHubDatabase = database;
}

export function getDatabase(): HubDatabase {
  if (!holder.__agentHubDatabase) {
    holder.__agentHubDatabase = openDatabase({
      databaseUrl: process.env.DATABASE_URL || null,
      // The Next bundles always receive the database from lib/server/start.ts; this fallback
      // serves scripts and tests, so it must not make the bundler trace the data folder.
      dataDir: path.resolve(/*turbopackIgnore: true*/ process.env.HUB_DATA_DIR || '.data'),
    });
  }
  return holder.__agentHubDatabase;
}

export function getDb(): Db {
  return getDatabase().db;
}

/** Rows of a raw `execute()`, which PGlite returns as `{rows}` and postgres.js as an array. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
