import type { SQL } from 'drizzle-orm';
import { executeTogether } from '@/db/queries/ingestion/bulk';
import { grantRevocationsStatement } from '@/db/queries/ingestion/consents';
import type { GrantChange } from './change';
import { projectConsents } from './consents';
import { projectTokens } from './tokens';

/**
 * The change's first writes, which depend on nothing: its revocations, stored before the
 * consents are replayed so they also reach consents that arrive later. Ingestion runs them with
 * its other independent writes, in one round trip.
 */
export function grantRevocationWrites(change: GrantChange): (SQL | null)[] {
  return [grantRevocationsStatement(change.orgId, change.revocations ?? [])];
}

/**
 * Replays what the change touches, after grantRevocationWrites: every consent it reaches, from
 * its full history; then the tokens, whose end is recomputed from every stored cause.
 */
export async function replayGrantChange(change: GrantChange): Promise<void> {
  const outcome = await projectConsents(change);
  await projectTokens(change, outcome);
}

/** The whole change, for callers with no other writes to join. */
export async function applyGrantChange(change: GrantChange): Promise<void> {
  await executeTogether(change.tx, grantRevocationWrites(change));
  await replayGrantChange(change);
}
