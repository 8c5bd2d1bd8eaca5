import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { findUserByEmailForSignIn } from '@/db/queries/console-users';
import { sources } from '@/db/schema';
import { loadConfig } from '@/lib/config/env';
import { bootstrap, GENERATED_OWNER_EMAIL } from '@/lib/server/bootstrap';
import { createSource } from '@/lib/sources/manage-sources';
import type { BenchDatabase } from './database';
import { BENCH_ISSUER } from './events';

export type BenchSource = { id: string; secret: string };

/** One authorization-server source, its rate limit lifted so the bench measures, not throttles. */
export async function createBenchSource(db: Db, orgId: string): Promise<BenchSource> {
  const owner = await findUserByEmailForSignIn(db, GENERATED_OWNER_EMAIL);
  if (!owner) throw new Error('bootstrap created no owner');
  const created = await createSource(
    db,
    { id: owner.id, orgId, email: owner.email },
    { name: 'Bench authorization server', kind: 'authorization_server', issuer: BENCH_ISSUER },
  );
  await db
    .update(sources)
    .set({ rateLimitPerMinute: 2_000_000_000 })
    .where(eq(sources.id, created.source.id));
  return { id: created.source.id, secret: created.signingSecret };
}

/**
 * What `npm start` does before serving, on the bench database: migrations, then bootstrap (org,
 * owner, audit partitions) with the demo off, then the bench's source. Expects AUTH_SECRET and
 * HUB_ENCRYPTION_KEY in the environment already.
 */
export async function prepareBenchHub(
  bench: BenchDatabase,
  port: number,
  hubUrl: string,
): Promise<{ orgId: string; source: BenchSource }> {
  const { database } = bench;
  await runMigrations(database);
  const config = loadConfig({
    PORT: String(port),
    HUB_URL: hubUrl,
    HUB_DATA_DIR: bench.dataDir,
    DATABASE_URL: bench.databaseUrl ?? undefined,
    AUTH_SECRET: process.env.AUTH_SECRET,
    HUB_ENCRYPTION_KEY: process.env.HUB_ENCRYPTION_KEY,
    HUB_DEMO: '0',
  });
  const boot = await bootstrap(database.db, config, database.kind === 'pglite');
  return { orgId: boot.orgId, source: await createBenchSource(database.db, boot.orgId) };
}

/**
 * The bench measures the production build, not the sources: a build older than the code it
 * should contain would report yesterday's figures. Only warns, since a rebuild rewrites `.next`
 * for every other process using it.
 */
export function staleBuildSources(root = process.cwd()): string[] {
  const built = statSync(path.join(root, '.next', 'BUILD_ID')).mtimeMs;
  const newer: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'bench' && entry.name !== 'node_modules') walk(file);
      } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        if (statSync(file).mtimeMs > built) newer.push(path.relative(root, file));
      }
    }
  };
  for (const dir of ['app', 'lib', 'db']) walk(path.join(root, dir));
  return newer;
}
