// Run as its own process (`node --import tsx`) while no hub holds the database (the embedded one
// belongs to one process at a time): adds a console user with a known password to the default org
// of a hub that already started once. The bootstrap makes only the first owner.
import { spawnSync } from 'node:child_process';
import { insertConsoleUser } from '@/db/queries/console-users';
import { ensureDefaultOrg } from '@/db/queries/orgs';
import { openDatabase } from '@/db/client';
import { loadConfig } from '@/lib/config/env';
import { hashPassword } from '@/lib/crypto/password';

/** Adds `account` as an admin to the hub database that `env` names. */
export function seedConsoleUser(
  env: Record<string, string>,
  account: { email: string; password: string },
): void {
  const seed = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'e2e/support/seed-console-user.ts'],
    {
      env: {
        ...process.env,
        DATABASE_URL: '',
        ...env,
        SEED_EMAIL: account.email,
        SEED_PASSWORD: account.password,
      },
      encoding: 'utf8',
    },
  );
  if (seed.status !== 0) throw new Error(`seeding ${account.email} failed:\n${seed.stderr}`);
}

if (process.env.SEED_EMAIL && process.env.SEED_PASSWORD) {
  const database = openDatabase(loadConfig());
  try {
    const org = await ensureDefaultOrg(database.db);
    await insertConsoleUser(database.db, org.id, {
      email: process.env.SEED_EMAIL,
      role: 'admin',
      passwordHash: await hashPassword(process.env.SEED_PASSWORD),
      passwordIsTemporary: false,
    });
  } finally {
    await database.close();
  }
}
