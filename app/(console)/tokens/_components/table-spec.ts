import { tokenSortKeys, tokenStates, tokenTypes } from '@/lib/constants';
import type { TableSpec } from '@/lib/tables/table-params';

export const tokenTableSpec = {
  sortable: tokenSortKeys,
  defaultSort: { id: 'issued', desc: true },
  facets: { state: tokenStates, type: tokenTypes, agent: 'free' },
} satisfies TableSpec<'state' | 'type' | 'agent'>;
