import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Credential } from '../../lib/access/access-table';

/**
 * The API part of the access table, as lib/access/api-table.ts derives it from the route files'
 * declarations. Playwright cannot load route modules, so tsx prints it (once per worker).
 */
function loadApiAccess(): Record<string, readonly Credential[]> {
  const out = execFileSync(
    path.join(process.cwd(), 'node_modules/.bin/tsx'),
    ['lib/testing/print-api-access.ts'],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  const line = out.split('\n').find((l) => l.startsWith('api-access:'));
  if (!line) throw new Error(`lib/testing/print-api-access.ts printed no table: ${out}`);
  return JSON.parse(line.slice('api-access:'.length)) as Record<string, readonly Credential[]>;
}

export const apiAccess = loadApiAccess();
