import { executeTogether } from '@/db/queries/ingestion/bulk';
import {
  applyTokenEnds,
  familyRevocationsStatement,
  loadTokens,
  writeTokens,
  type TokenState,
} from '@/db/queries/ingestion/tokens';
import { canonicalJson } from '@/lib/crypto/canonical-json';
import { compareKeys } from '@/lib/order-keys';
import type { FamilyEnd, GrantChange, TokenIssuance } from './change';
import type { ConsentOutcome } from './consents';

type End = { at: Date; reason: string };

/** A token's own revocation: the earliest report (ties: the smaller reason, in any order). */
function earliest(a: End | null, b: End | null): End | null {
  if (!a || !b) return a ?? b;
  return compareKeys([a.at, a.reason], [b.at, b.reason]) <= 0 ? a : b;
}

type Issuance = Omit<TokenIssuance, 'tokenRef'>;

const issuanceOrder = (i: Issuance) => [i.issuedAt!, canonicalJson({ ...i, issuedAt: null })];

/** A token is issued once; should it be reported twice, the later report wins, in any order. */
function newer(a: Issuance | null, b: Issuance | null): Issuance | null {
  if (!a || !b) return a ?? b;
  return compareKeys(issuanceOrder(a), issuanceOrder(b)) >= 0 ? a : b;
}

type Pending = { issuance: Issuance | null; end: End | null };

/** Each family's earliest revocation (ties: the smaller reason, in any order). */
function familyEnds(ends: readonly FamilyEnd[]): Map<string, FamilyEnd> {
  const byFamily = new Map<string, FamilyEnd>();
  for (const end of ends) {
    const current = byFamily.get(end.familyId);
    if (
      !current ||
      compareKeys([end.revokedAt, end.reason], [current.revokedAt, current.reason]) < 0
    ) {
      byFamily.set(end.familyId, end);
    }
  }
  return byFamily;
}

/**
 * Tokens: issuance and own revocation merged per token_ref with what is stored (the later
 * issuance, the earliest revocation); then the end of every token this change may have reached,
 * directly or through a cause (its family, agent, subject or consent), is recomputed from all
 * stored causes, so it comes out the same whichever of a token and its causes arrives first.
 */
export async function projectTokens(change: GrantChange, consents: ConsentOutcome): Promise<void> {
  const { tx, orgId } = change;
  const pending = new Map<string, Pending>();
  const entry = (ref: string) => {
    const p = pending.get(ref) ?? { issuance: null, end: null };
    pending.set(ref, p);
    return p;
  };
  for (const { tokenRef, ...issuance } of change.issuances ?? []) {
    const p = entry(tokenRef);
    p.issuance = newer(p.issuance, issuance);
  }
  for (const { tokenRef, at, reason } of change.tokenEnds ?? []) {
    const p = entry(tokenRef);
    p.end = earliest(p.end, { at, reason });
  }
  const families = familyEnds(change.familyEnds ?? []);
  const causes =
    families.size + consents.keys.size + consents.revokedAgents.size + consents.revokedPairs.length;
  if (pending.size === 0 && causes === 0) return;

  const stored = new Map(
    (await loadTokens(tx, orgId, [...pending.keys()])).map((t) => [t.tokenRef, t]),
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
    writeTokens(orgId, rows),
    familyRevocationsStatement(orgId, [...families.values()]),
  ]);
  await applyTokenEnds(tx, orgId, {
    refs: pending.keys(),
    families: families.keys(),
    agents: consents.revokedAgents,
    pairs: consents.revokedPairs,
    consentKeys: consents.keys,
  });
}
