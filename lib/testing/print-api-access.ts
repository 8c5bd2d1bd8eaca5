import { declaredOperations } from '@/lib/testing/api-operations';
import { apiAccessOf } from '@/lib/access/api-table';

/**
 * Prints the API access table, derived from the route files' declarations, as one JSON line
 * after a marker: for e2e/access.spec.ts, whose runner cannot load route modules (next-auth
 * imports `next/server` as only a bundler or tsx resolves it). Run with tsx.
 */
export const MARKER = 'api-access:';

const table = apiAccessOf(await declaredOperations());
process.stdout.write(`\n${MARKER}${JSON.stringify(table)}\n`);
process.exit(0);
