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
    exclude: ['**/node_modules/**', '.next/**', 'e2e/**'],
    environment: 'node',
    // Vitest's default leaves a single worker on two cores; the files are independent.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Each file migrates its own database (PGlite takes a few seconds), and scrypt is slow on purpose.
    hookTimeout: 60_000,
    testTimeout: 30_000,
  },
});
