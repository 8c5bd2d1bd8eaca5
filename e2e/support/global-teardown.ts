import { rmSync } from 'node:fs';
import { dropE2eDatabases } from './fresh-database';

export default async function globalTeardown(): Promise<void> {
  await dropE2eDatabases();
  const template = process.env.E2E_TEMPLATE_DATA_DIR;
  if (template) rmSync(template, { recursive: true, force: true });
}
