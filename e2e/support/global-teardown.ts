import { dropE2eDatabases } from './fresh-database';

export default async function globalTeardown(): Promise<void> {
  await dropE2eDatabases();
}
