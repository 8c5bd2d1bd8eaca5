import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../..', import.meta.url));
const testFiles = ['lib/**/*.test.ts', 'db/**/*.test.ts'];

/** Test files that replace modules with `vi.mock`: a mock only holds where the module loads fresh. */
function filesThatMock(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (
        rel.endsWith('.test.ts') &&
        /\bvi\.mock\(/.test(readFileSync(path.join(root, rel), 'utf8'))
      )
        found.push(rel);
    }
  };
  for (const dir of ['lib', 'db']) walk(dir);
  return found;
}
const mocking = filesThatMock();

export default defineConfig({
  root,
  resolve: {
    alias: [{ find: /^@\//, replacement: root }],
  },
  test: {
    globalSetup: ['lib/testing/global-setup.ts'],
    exclude: ['**/node_modules/**', '.next/**', 'e2e/**'],
    environment: 'node',
    // next-auth imports `next/server` without an extension, which only a bundler resolves; let
    // Vite process it so route handlers can be tested directly.
    server: { deps: { inline: ['next-auth'] } },
    // A fixed key for tests only: lib/server/start.ts resolves the real one at start.
    env: { HUB_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') },
    // Vitest's default leaves a single worker on two cores; the files are independent.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Each file copies its own database from the run's template, and scrypt is slow on purpose.
    hookTimeout: 60_000,
    testTimeout: 30_000,
    unstubEnvs: true,
    // Most files share their worker's loaded modules with the files before them, which saves
    // loading the hub again for each (fresh-process-state.ts clears what the hub keeps per
    // process); files that mock modules each get a fresh module graph.
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: testFiles,
          exclude: [...mocking, '**/node_modules/**', '.next/**', 'e2e/**'],
          isolate: false,
          setupFiles: ['lib/testing/fresh-process-state.ts'],
        },
      },
      { extends: true, test: { name: 'isolated', include: mocking } },
    ],
  },
});
