import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { openDatabase } from '@/db/client';
import { ConfigError, loadConfig } from '@/lib/config/env';
import { lockDataDir } from '@/lib/server/data-dir-lock';
import { verifyAndRecord } from './worker';
import { formatCount } from '@/lib/format';

/**
 * `npm run audit:verify`: verifies every org's whole sealed trail in the hub's database (the one
 * the environment names, as for `npm start`) and records the outcome for the console badge.
 * `npm run audit:verify -- export.ndjson [key-id]` checks a sealed export offline instead.
 * Exits 1 when anything does not verify.
 */
async function main(): Promise<number> {
  const [file, keyId] = process.argv.slice(2);
  if (file) {
    const script = path.join(import.meta.dirname, 'verify-export.mjs');
    return (
      spawnSync('node', [script, file, ...(keyId ? [keyId] : [])], { stdio: 'inherit' }).status ?? 1
    );
  }
  const config = loadConfig();
  const unlock = config.databaseUrl === null ? lockDataDir(config.dataDir) : () => {};
  const database = openDatabase(config);
  try {
    let failed = 0;
    for (const org of await database.db.query.orgs.findMany({
      orderBy: (o, { asc }) => asc(o.createdAt),
    })) {
      const r = await verifyAndRecord(database.db, org.id);
      const extra = [
        r.unsealedEvents ? `${formatCount(r.unsealedEvents)} not sealed yet` : '',
        r.droppedEvents ? `${formatCount(r.droppedEvents)} dropped by retention` : '',
      ].filter(Boolean);
      console.log(
        `${r.ok ? 'OK    ' : 'FAILED'} ${org.name}: ${formatCount(r.events)} events in ` +
          `${formatCount(r.checkpoints)} checkpoints, verified up to ${r.verifiedThrough ?? '—'}` +
          (extra.length ? ` (${extra.join(', ')})` : ''),
      );
      for (const p of r.problems) console.log(`       ${p.kind}: ${p.detail}`);
      if (!r.ok) failed++;
    }
    return failed ? 1 : 0;
  } finally {
    await database.close();
    unlock();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(
      err instanceof ConfigError
        ? err.message
        : `audit:verify failed: ${err instanceof Error ? err.message : String(err)}`,
    );
    process.exit(2);
  },
);
