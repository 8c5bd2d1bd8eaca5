// Playwright's web server: the real `npm start` path on a database of its own. The settings here
// are the ones the specs rely on (see e2e/fixtures/accounts.ts).
import { freshDatabaseEnv } from './fresh-database';

Object.assign(process.env, await freshDatabaseEnv('main'));
await import('../../lib/server/start');
