import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { agents } from '../schema';

/** What an authorization server asks before issuing a token to an agent: no metadata beyond it. */
export async function findAgentStatus(
  db: Executor,
  orgId: string,
  issuer: string,
  clientId: string,
) {
  const [row] = await db
    .select({
      id: agents.id,
      issuer: agents.issuer,
      clientId: agents.clientId,
      verificationStatus: agents.verificationStatus,
      statusChangedAt: agents.statusChangedAt,
      notBefore: agents.notBefore,
      deletedAt: agents.deletedAt,
      scope: agents.scope,
    })
    .from(agents)
    .where(and(eq(agents.orgId, orgId), eq(agents.issuer, issuer), eq(agents.clientId, clientId)));
  return row ?? null;
}

export type AgentStatusRow = NonNullable<Awaited<ReturnType<typeof findAgentStatus>>>;
