import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  root,
  resolve: {
    alias: [{ find: /^@\//, replacement: root }],
  },
  test: {
    include: ['lib/**/*.test.ts', 'db/**/*.test.ts'],
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
  },
});
