import type { AgentFilter, AgentSortId } from '@/db/queries/agents';
import { agentSortIds } from '@/db/queries/agents';
import { registrationMethods, verificationStatuses } from '@/lib/constants';
import { parseTableParams, type TableSpec } from '@/lib/tables/table-params';
import { clientTypeValues } from './labels';

/**
 * The agents table's URL: the shared table parameters (q, sort, page, size, cols, facets) plus
 *   group=none   every instance instead of one row per family
 *   family=<key> only the instances of one family
 *   deleted=1    deleted agents too
 */
type Facet = 'status' | 'method' | 'client_type' | 'issuer';

export const agentsTableSpec: TableSpec<Facet> = {
  sortable: agentSortIds,
  defaultSort: { id: 'last_seen', desc: true },
  facets: {
    status: verificationStatuses,
    method: registrationMethods,
    client_type: clientTypeValues,
    issuer: 'free',
  },
};

type Raw = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export function parseAgentsView(raw: Raw) {
  const params = parseTableParams(raw, agentsTableSpec);
  const family = first(raw.family)?.slice(0, 2000) || null;
  // A family's own list shows its instances one by one.
  const grouped = first(raw.group) !== 'none' && !family;
  const filter: AgentFilter = {
    q: params.q || undefined,
    status: params.facets.status,
    method: params.facets.method,
    clientType: params.facets.client_type,
    issuer: params.facets.issuer,
    includeDeleted: first(raw.deleted) === '1',
    family,
  };
  return { params, grouped, filter, sort: params.sort as { id: AgentSortId; desc: boolean } };
}
