import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { grantRevocations, grantUsage, tokenFamilyRevocations, tokenUsage } from '@/db/schema';
import { canonicalJson } from '@/lib/crypto/canonical-json';
import { compareText } from '@/lib/order-keys';
import { stateOf } from '@/lib/testing/state';

type Row = Record<string, unknown>;

const omit = (row: Row, keys: string[]) =>
  Object.fromEntries(Object.entries(row).filter(([k]) => !keys.includes(k)));
const sortRows = <T>(rows: T[]) =>
  rows
    .map((r) => canonicalJson(r))
    .sort(compareText)
    .map((r) => JSON.parse(r) as unknown);

/**
 * Every piece of an org's derived state, with the hub's own ids replaced by the outside
 * identifiers (client_id, sub, resource, token_ref), so two orgs fed the same events compare
 * equal exactly when they ended in the same state.
 */
export async function derivedSnapshot(db: Db, orgId: string) {
  const s = stateOf(db, orgId);
  const agents = await s.agents();
  const subjects = await s.subjects();
  const consents = await s.consents();
  const servers = await s.servers();
  const agentName = new Map(agents.map((a) => [a.id, `${a.issuer} ${a.clientId}`]));
  const subjectName = new Map(subjects.map((x) => [x.id, `${x.issuer} ${x.sub}`]));
  const serverName = new Map(servers.map((x) => [x.id, x.resource]));
  const naturalKey = (key: string) =>
    key
      .split('|')
      .map((part) => agentName.get(part) ?? subjectName.get(part) ?? part)
      .join('|');
  const consentName = new Map(consents.map((c) => [c.id, naturalKey(c.key)]));
  const ids = (row: Row): Row => ({
    ...row,
    ...('agentId' in row ? { agentId: agentName.get(row.agentId as string) ?? row.agentId } : {}),
    ...('subjectId' in row
      ? { subjectId: subjectName.get(row.subjectId as string) ?? row.subjectId }
      : {}),
    ...('consentId' in row
      ? { consentId: consentName.get(row.consentId as string) ?? row.consentId }
      : {}),
    ...('serverId' in row ? { serverId: serverName.get(row.serverId as string) } : {}),
    ...('consentKey' in row && row.consentKey
      ? { consentKey: naturalKey(row.consentKey as string) }
      : {}),
    ...('key' in row ? { key: naturalKey(row.key as string) } : {}),
  });
  const volatile = ['id', 'orgId', 'createdAt', 'updatedAt', 'sourceId', 'revocationId'];
  const clean = (rows: Row[]) => sortRows(rows.map((r) => omit(ids(r), volatile)));

  const metadataHistory = [];
  for (const a of agents) metadataHistory.push(...(await s.metadataHistory(a.id)));
  const consentHistory = [];
  for (const c of consents) consentHistory.push(...(await s.consentHistory(c.id)));
  // A leak is judged when its evidence arrives, against the entries the hub has then: a source
  // cannot enforce an entry the hub had not yet made, so leaks depend on arrival by design.
  const audit = (await s.audit()).filter((a) => a.type !== 'revocation.leak_detected');
  return {
    agents: clean(agents),
    agentMetadataHistory: clean(metadataHistory),
    subjects: clean(subjects),
    consents: clean(consents),
    consentHistory: clean(consentHistory),
    tokens: clean(await s.tokens()),
    familyRevocations: clean(
      await db.select().from(tokenFamilyRevocations).where(eq(tokenFamilyRevocations.orgId, orgId)),
    ),
    grantRevocations: clean(
      await db.select().from(grantRevocations).where(eq(grantRevocations.orgId, orgId)),
    ),
    grantUsage: clean(await db.select().from(grantUsage).where(eq(grantUsage.orgId, orgId))),
    tokenUsage: clean(await db.select().from(tokenUsage).where(eq(tokenUsage.orgId, orgId))),
    toolUsage: clean(await s.toolUsage()),
    servers: clean(servers),
    tools: clean(await s.tools()),
    scopeCatalog: clean(await s.scopeCatalog()),
    // Summaries name an agent as far as the hub knew it on arrival, and numbers count arrivals,
    // so they are left out.
    audit: clean(audit.map((a) => omit(a, ['summary', 'recordedAt', 'number']))),
  };
}
