// What the unit test configuration (vitest.config.ts) needs to know of each test file, read from
// its source: whether it mocks modules, and whether it opens a database at all.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Every unit test file under lib/ and db/, relative to `root`. */
export function unitTestFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, entry.name);
      // a workspace package's own installs and built output hold no tests of ours
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'dist') walk(rel);
      } else if (rel.endsWith('.test.ts')) found.push(rel);
    }
  };
  for (const dir of ['lib', 'db']) walk(dir);
  return found.sort();
}

/** A file that replaces modules with `vi.mock`: a mock only holds where the module loads fresh. */
export function mocksModules(root: string, file: string): boolean {
  return /\bvi\.mock\(/.test(readFileSync(path.join(root, file), 'utf8'));
}

// How a test reaches a database: through the fixtures of lib/testing, or by reading DATABASE_URL
// itself. (The MCP kit's test hub, lib/mcp-kit/test-hub.ts, is a stand-in that keeps all in memory.)
const opensDatabase = /setupTestDatabase\(|createTestDatabase\(|openPostgresTest\(|DATABASE_URL/;
const imports = /from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function resolve(root: string, from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith('@/')) base = spec.slice(2);
  else if (spec.startsWith('.')) base = path.posix.join(path.posix.dirname(from), spec);
  else return null;
  // the MCP kit's package imports its files as `./x.js`, which are `./x.ts` here
  base = base.replace(/\.js$/, '');
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) {
    const full = path.join(root, candidate);
    if (existsSync(full) && statSync(full).isFile()) return candidate;
  }
  return null;
}

const isScaffolding = (file: string) =>
  file.startsWith('lib/testing/') || file.endsWith('/test-hub.ts');

/**
 * Whether a test file opens a database: its own source, or the test scaffolding it imports
 * (followed through lib/testing), names one of the ways in. The product code it tests is not
 * followed: a module that can reach the database does not make a test that never gives it one.
 */
export function usesDatabase(root: string, file: string, seen = new Set<string>()): boolean {
  if (seen.has(file)) return false;
  seen.add(file);
  const source = readFileSync(path.join(root, file), 'utf8');
  if (opensDatabase.test(source)) return true;
  for (const match of source.matchAll(imports)) {
    const target = resolve(root, file, match[1] ?? match[2]!);
    if (target && isScaffolding(target) && usesDatabase(root, target, seen)) return true;
  }
  return false;
}
