import { defineConfig } from 'drizzle-kit';

// Generate migrations only: `npm run db:generate`. They are committed and applied at start by
// db/migrate.ts on PGlite and PostgreSQL alike; nothing here ever pushes to a database.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
});
