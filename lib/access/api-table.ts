import type { Operation } from '@/lib/api/operation';
import { apiAccessRule, nonOperationApiAccess, type Credential } from './access-table';

/**
 * The API part of the access table, derived from the operations the route files declare: the
 * rule of `apiAccessRule` for the operation's access and whether its path has an id segment,
 * unless the operation declares `admits` (e.g. a lookup by outside identifiers, which another
 * org's admin cannot see either). Keys are `METHOD /api/…` as the file path spells it.
 */
export function apiAccessKey(op: Pick<Operation, 'method' | 'path'>): string {
  return `${op.method} ${op.path.replace(/\{(\w+)\}/g, '[$1]')}`;
}

export function admittedBy(op: Operation): readonly Credential[] {
  if (op.admits) return op.admits;
  const rule = apiAccessRule[op.access];
  return /\{\w+\}/.test(op.path) ? rule.object : rule.list;
}

export function apiAccessOf(
  operations: readonly Operation[],
): Record<string, readonly Credential[]> {
  return {
    ...nonOperationApiAccess,
    ...Object.fromEntries(operations.map((op) => [apiAccessKey(op), admittedBy(op)])),
  };
}
