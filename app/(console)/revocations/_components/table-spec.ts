import { revocationSortKeys } from '@/db/queries/revocations';
import { revocationKinds } from '@/lib/constants';
import type { TableSpec } from '@/lib/tables/table-params';

export const revocationTableSpec = {
  sortable: revocationSortKeys,
  defaultSort: { id: 'seq', desc: true },
  facets: { kind: revocationKinds },
} satisfies TableSpec<'kind'>;
