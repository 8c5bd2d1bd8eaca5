import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * postgres.js 3.4.9 loses connections when the server goes away under load (porsager/postgres
 * #1154, #1208, PR #1168): `closed()` clears the pending write's setImmediate but leaves its handle
 * set, so on reconnect the startup message is never flushed and the connection hangs until
 * CONNECT_TIMEOUT (30 s), its queries with it; and a write that fires after the close throws from
 * the immediate (an uncaught TypeError on a null socket). 4.x is a rewrite with other semantics,
 * not a fix release, so the hub pins 3.4.9 and `npm install` applies
 * db/patches/postgres+3.4.9.patch with patch-package (next to db/client.ts, which opens the
 * driver: the top level holds no tool folders). The install fails on any other version; this is
 * the check at start that the patch is really there.
 */
export const PATCHED_DRIVER_VERSION = '3.4.9';
export const PATCH_MARK = '/* agent-hub: no write after close */';
/** The fix touches three places of connection.js in each of the driver's builds. */
const MARKS_PER_BUILD = 3;
const BUILDS = ['src', 'cjs/src', 'cf/src'];

/** The folder of the postgres.js that `import 'postgres'` loads. */
export function installedDriverDir(): string {
  let dir = path.dirname(createRequire(import.meta.url).resolve('postgres'));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'postgres') {
      return dir;
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error('postgres.js is not installed: run `npm ci`.');
    dir = up;
  }
}

/** What is wrong with the postgres.js in `dir`, or null when it is 3.4.9 with the patch. */
export function driverPatchProblem(dir: string): string | null {
  const fix = `Run \`npm ci\`: its postinstall applies db/patches/postgres+${PATCHED_DRIVER_VERSION}.patch.`;
  const manifest = path.join(dir, 'package.json');
  if (!existsSync(manifest)) return `postgres.js is not installed at ${dir}. ${fix}`;
  const version = (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version;
  if (version !== PATCHED_DRIVER_VERSION) {
    return `postgres.js ${version} is installed, but the hub's fix to it is for ${PATCHED_DRIVER_VERSION} (package.json pins it). ${fix}`;
  }
  for (const build of BUILDS) {
    const file = path.join(dir, build, 'connection.js');
    const marks = existsSync(file) ? readFileSync(file, 'utf8').split(PATCH_MARK).length - 1 : 0;
    if (marks !== MARKS_PER_BUILD) {
      return `postgres.js at ${dir} lacks the hub's fix (${build}/connection.js is not patched), so connections can hang after a database restart. ${fix}`;
    }
  }
  return null;
}

/** Throws, saying what to do, unless the driver the hub loads carries the patch. */
export function assertDriverPatched(dir = installedDriverDir()): void {
  const problem = driverPatchProblem(dir);
  if (problem) throw new Error(problem);
}
