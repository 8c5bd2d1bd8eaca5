import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { findUserByEmailInOrg } from '@/db/queries/console-users';
import { sources } from '@/db/schema';
import { loadConfig } from '@/lib/config/env';
import { bootstrap, GENERATED_OWNER_EMAIL } from '@/lib/server/bootstrap';
import { createSource } from '@/lib/sources/manage-sources';
import type { CreateSourceInput } from '@/lib/sources/source-input';
import type { BenchDatabase } from './database';
import { BENCH_ISSUER, BENCH_RESOURCES } from './events';

export type BenchSource = { id: string; secret: string };

export type BenchSources = { authorizationServer: BenchSource; gateway: BenchSource };

/**
 * The bench's authorization server and a gateway for its MCP servers (each source sends only its
 * own types), their rate limits lifted so the bench measures, not throttles.
 */
export async function createBenchSources(db: Db, orgId: string): Promise<BenchSources> {
  const owner = await findUserByEmailInOrg(db, orgId, GENERATED_OWNER_EMAIL);
  if (!owner) throw new Error('bootstrap created no owner');
  const actor = { id: owner.id, orgId, email: owner.email };
  const create = async (input: CreateSourceInput): Promise<BenchSource> => {
    const created = await createSource(db, actor, input);
    await db
      .update(sources)
      .set({ rateLimitPerMinute: 2_000_000_000 })
      .where(eq(sources.id, created.source.id));
    return { id: created.source.id, secret: created.signingSecret };
  };
  return {
    authorizationServer: await create({
      name: 'Bench authorization server',
      kind: 'authorization_server',
      issuer: BENCH_ISSUER,
    }),
    gateway: await create({ name: 'Bench gateway', kind: 'gateway', resources: BENCH_RESOURCES }),
  };
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
): Promise<{ orgId: string; sources: BenchSources }> {
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
  return { orgId: boot.orgId, sources: await createBenchSources(database.db, boot.orgId) };
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
