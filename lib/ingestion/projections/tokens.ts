import type { Tx } from '@/db/client';
import type { SQL } from 'drizzle-orm';
import { executeTogether } from '@/db/queries/ingestion/bulk';
import {
  applyTokenEnds,
  familyRevocationsStatement,
  loadTokens,
  tokenLastUseStatement,
  tokenUseStatement,
  writeTokens,
  type TokenState,
} from '@/db/queries/ingestion/tokens';
import { canonicalJson } from '@/lib/crypto/canonical-json';
import { compareKeys } from '../order-keys';
import type { Batch, Item } from '../batch';
import { consentKey } from './consent-replay';
import type { ConsentOutcome } from './consents';
import { later } from './identities';

type End = { at: Date; reason: string };

/** A token's own revocation: the earliest report (ties: the smaller reason, in any order). */
function earliest(a: End | null, b: End | null): End | null {
  if (!a || !b) return a ?? b;
  return compareKeys([a.at, a.reason], [b.at, b.reason]) <= 0 ? a : b;
}

type Issuance = Omit<TokenState, 'tokenRef' | 'ownRevokedAt' | 'ownRevocationReason'>;

function issuanceOf(item: Item<'token.issued'>): Issuance {
  const d = item.data;
  return {
    tokenType: d.token_type,
    agentId: item.agentId,
    subjectId: item.subjectId,
    consentKey:
      item.agentId && item.subjectId
        ? consentKey(item.agentId, item.subjectId, d.consent_id, d.resource)
        : null,
    familyId: d.family_id ?? null,
    parentRef: d.parent_ref ?? null,
    scopes: d.scopes,
    resource: d.resource ?? null,
    grantType: d.grant_type,
    issuedAt: item.time,
    expiresAt: d.expires_at,
  };
}

const issuanceOrder = (i: Issuance) => [i.issuedAt!, canonicalJson({ ...i, issuedAt: null })];

/** A token is issued once; should it be reported twice, the later report wins, in any order. */
function newer(a: Issuance | null, b: Issuance | null): Issuance | null {
  if (!a || !b) return a ?? b;
  return compareKeys(issuanceOrder(a), issuanceOrder(b)) >= 0 ? a : b;
}

type Pending = { issuance: Issuance | null; end: End | null };

function familyEnds(
  batch: Batch,
): Map<string, { familyId: string; revokedAt: Date; reason: string }> {
  const ends = new Map<string, { familyId: string; revokedAt: Date; reason: string }>();
  const add = (familyId: string, at: Date, reason: string) => {
    const current = ends.get(familyId);
    const candidate = { familyId, revokedAt: at, reason };
    if (!current || compareKeys([at, reason], [current.revokedAt, current.reason]) < 0) {
      ends.set(familyId, candidate);
    }
  };
  for (const item of batch.of('token.revoked')) {
    if (item.data.family_id)
      add(item.data.family_id, item.time, item.data.reason ?? 'family revoked');
  }
  for (const item of batch.of('token.reuse_detected')) {
    add(item.data.family_id, item.time, item.data.reason ?? 'refresh token reuse detected');
  }
  return ends;
}

/**
 * Last use of every token the batch's tool calls name, kept by ref (so a token issued later
 * still gets it) and moved on the tokens already known. Writes independent of the others.
 */
export function tokenUseOf(batch: Batch): (SQL | null)[] {
  const uses = new Map<string, Date>();
  for (const item of batch.of('tool.invoked')) {
    const ref = item.data.token_ref;
    if (ref) uses.set(ref, later(uses.get(ref) ?? null, item.time)!);
  }
  const rows = [...uses].map(([tokenRef, lastUsedAt]) => ({ tokenRef, lastUsedAt }));
  return [tokenUseStatement(batch.orgId, rows), tokenLastUseStatement(batch.orgId, rows)];
}

/**
 * Tokens: issuance and own revocation merged per token_ref with what is stored (the later
 * issuance, the earliest revocation); then the end of every token this batch may have changed,
 * directly or through a cause (its family, agent, subject or consent), is recomputed from all
 * stored causes, so it comes out the same whichever of a token and its causes arrives first.
 */
export async function projectTokens(tx: Tx, batch: Batch, consents: ConsentOutcome): Promise<void> {
  const pending = new Map<string, Pending>();
  const entry = (ref: string) => {
    const p = pending.get(ref) ?? { issuance: null, end: null };
    pending.set(ref, p);
    return p;
  };
  for (const item of batch.of('token.issued')) {
    const p = entry(item.data.token_ref);
    p.issuance = newer(p.issuance, issuanceOf(item));
  }
  for (const item of batch.of('token.revoked')) {
    const p = entry(item.data.token_ref);
    p.end = earliest(p.end, { at: item.time, reason: item.data.reason ?? 'revoked' });
  }
  const families = familyEnds(batch);
  const causes =
    families.size + consents.keys.size + consents.revokedAgents.size + consents.revokedPairs.length;
  if (pending.size === 0 && causes === 0) return;

  const stored = new Map(
    (await loadTokens(tx, batch.orgId, [...pending.keys()])).map((t) => [t.tokenRef, t]),
  );
  const rows: TokenState[] = [];
  for (const [tokenRef, p] of pending) {
    const s = stored.get(tokenRef);
    const storedIssuance: Issuance | null = s?.issuedAt
      ? {
          tokenType: s.tokenType,
          agentId: s.agentId,
          subjectId: s.subjectId,
          consentKey: s.consentKey,
          familyId: s.familyId,
          parentRef: s.parentRef,
          scopes: s.scopes,
          resource: s.resource,
          grantType: s.grantType,
          issuedAt: s.issuedAt,
          expiresAt: s.expiresAt,
        }
      : null;
    const storedEnd: End | null = s?.ownRevokedAt
      ? { at: s.ownRevokedAt, reason: s.ownRevocationReason ?? '' }
      : null;
    const issuance = newer(storedIssuance, p.issuance);
    const end = earliest(storedEnd, p.end);
    rows.push({
      tokenRef,
      tokenType: issuance?.tokenType ?? null,
      agentId: issuance?.agentId ?? null,
      subjectId: issuance?.subjectId ?? null,
      consentKey: issuance?.consentKey ?? null,
      familyId: issuance?.familyId ?? null,
      parentRef: issuance?.parentRef ?? null,
      scopes: issuance?.scopes ?? [],
      resource: issuance?.resource ?? null,
      grantType: issuance?.grantType ?? null,
      issuedAt: issuance?.issuedAt ?? null,
      expiresAt: issuance?.expiresAt ?? null,
      ownRevokedAt: end?.at ?? null,
      ownRevocationReason: end?.reason ?? null,
    });
  }
  await executeTogether(tx, [
    writeTokens(batch.orgId, rows),
    familyRevocationsStatement(batch.orgId, [...families.values()]),
  ]);
  await applyTokenEnds(tx, batch.orgId, {
    refs: pending.keys(),
    families: families.keys(),
    agents: consents.revokedAgents,
    pairs: consents.revokedPairs,
    consentKeys: consents.keys,
  });
}
