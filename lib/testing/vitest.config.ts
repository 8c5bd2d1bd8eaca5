import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { mocksModules, unitTestFiles, usesDatabase } from './test-files';

const root = fileURLToPath(new URL('../..', import.meta.url));
// npm test's PostgreSQL pass leaves out the files that never open a database (HUB_UNIT_PASS is
// set by lib/testing/run-tests.ts): the embedded pass runs them, and the server adds nothing.
const files = unitTestFiles(root).filter(
  (file) => process.env.HUB_UNIT_PASS !== 'database-only' || usesDatabase(root, file),
);
const mocking = files.filter((file) => mocksModules(root, file));
const shared = files.filter((file) => !mocking.includes(file));

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
          include: shared,
          isolate: false,
          setupFiles: ['lib/testing/fresh-process-state.ts'],
        },
      },
      ...(mocking.length
        ? [{ extends: true as const, test: { name: 'isolated', include: mocking } }]
        : []),
    ],
  },
});
