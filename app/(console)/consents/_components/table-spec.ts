import { consentSortKeys, consentStates } from '@/lib/constants';
import type { TableSpec } from '@/lib/tables/table-params';

export const consentTableSpec = {
  sortable: consentSortKeys,
  defaultSort: { id: 'granted', desc: true },
  facets: { status: consentStates, agent: 'free', resource: 'free' },
} satisfies TableSpec<'status' | 'agent' | 'resource'>;
