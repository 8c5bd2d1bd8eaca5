import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const MARK = '/* agent-hub: no write after close */';

/**
 * postgres.js 3.4.9 (the latest) loses connections when the server goes away under load
 * (porsager/postgres#1154, #1208, PR #1168): `closed()` clears the pending write's setImmediate
 * but leaves its handle set, so on reconnect the startup message is never flushed and the
 * connection hangs until CONNECT_TIMEOUT (30 s), its queries with it; and a write that fires after
 * the close throws from the immediate (an uncaught TypeError on a null socket). This resets the
 * write state on close and skips a write without a socket (its query was already rejected).
 */
export function patchConnectionSource(source: string): string {
  if (source.includes(MARK)) return source;
  const cleared = '    clearImmediate(nextWriteTimer)\n';
  const write = '    const x = socket.write(chunk, fn)\n';
  // Another version (one with the fix, say): leave it alone rather than fail the install.
  if (source.split(cleared).length !== 3 || !source.includes(write)) return source;
  return source
    .replaceAll(cleared, `${cleared}    chunk = nextWriteTimer = null ${MARK}\n`)
    .replace(
      write,
      `    if (!socket) return (chunk = nextWriteTimer = null, false) ${MARK}\n${write}`,
    );
}

/** Patches every build of postgres.js under `root`'s node_modules; true when one changed. */
export function patchPostgresDriver(root = process.cwd()): boolean {
  let changed = false;
  for (const build of ['cjs/src', 'src', 'cf/src']) {
    const file = path.join(root, 'node_modules', 'postgres', build, 'connection.js');
    if (!existsSync(file)) continue;
    const source = readFileSync(file, 'utf8');
    const patched = patchConnectionSource(source);
    if (patched !== source) {
      writeFileSync(file, patched);
      changed = true;
    }
  }
  return changed;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? '')) {
  if (patchPostgresDriver()) console.log('patched postgres.js: no write after a closed connection');
}
