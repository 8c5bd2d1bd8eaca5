import os from 'node:os';
import postgres from 'postgres';
import { openDatabase, type HubDatabase } from '@/db/client';

export function adminClient(url: string): postgres.Sql {
  return postgres(url, { max: 1, onnotice: () => {} });
}

/**
 * Creates database `name` on the server of `serverUrl` (a copy of `template` when given) and
 * opens it; `drop` removes it again, closing the connection first.
 */
export async function openPostgresTest(
  serverUrl: string,
  name: string,
  template: string | null,
): Promise<{ database: HubDatabase; drop: () => Promise<void> }> {
  const admin = adminClient(serverUrl);
  try {
    await admin.unsafe(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // dataDir is only read for PGlite; point it somewhere harmless.
  const database = openDatabase({ databaseUrl: url.toString(), dataDir: os.tmpdir() });
  const drop = async () => {
    try {
      await database.close();
    } finally {
      const dropper = adminClient(serverUrl);
      try {
        await dropper.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await dropper.end({ timeout: 5 });
      }
    }
  };
  return { database, drop };
}
