import { problem } from '@/lib/http/problem';
import type { HttpMethod, NextHandler, Operation, OperationHandler } from './operation';

/** Every method a route file exports, so that Next's empty 405 never answers. */
export const routeFileMethods = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
] as const;
type RouteFileMethod = (typeof routeFileMethods)[number];

/** The methods a path serves: its declared ones, HEAD with GET, and OPTIONS. */
export function allowedMethods(operations: readonly Pick<Operation, 'method'>[]): string[] {
  const declared = operations.map((op) => op.method);
  return [...declared, ...(declared.includes('GET') ? ['HEAD'] : []), 'OPTIONS'];
}

/**
 * The exports of a route file: each declared operation under its method, HEAD answered by GET
 * (as Next would), OPTIONS with `Allow`, and every other method a 405 problem document whose
 * `Allow` names the declared ones, e.g. `export const { GET, HEAD, POST, PUT, PATCH, DELETE,
 * OPTIONS } = routeMethods(listSources, createSource)`.
 */
export function routeMethods(
  ...handlers: OperationHandler[]
): Record<RouteFileMethod, NextHandler> {
  const allowed = allowedMethods(handlers.map((h) => h.operation));
  const allow = allowed.join(', ');
  const notAllowed: NextHandler = async (request) =>
    problem(
      405,
      'Method Not Allowed',
      `${request.method} is not served here; use ${allow}.`,
      {},
      { allow },
    );
  const byMethod = new Map<string, NextHandler>(handlers.map((h) => [h.operation.method, h]));
  const options: NextHandler = async () =>
    new Response(null, { status: 204, headers: { allow: [...allowed].sort().join(', ') } });
  const of = (method: HttpMethod) => byMethod.get(method) ?? notAllowed;
  return {
    GET: of('GET'),
    HEAD: byMethod.get('GET') ?? notAllowed,
    POST: of('POST'),
    PUT: of('PUT'),
    PATCH: of('PATCH'),
    DELETE: of('DELETE'),
    OPTIONS: options,
  };
}

/** The operations a route module declares (each once: HEAD shares GET's handler). */
export function operationsOf(routeModule: Record<string, unknown>): Operation[] {
  const found = new Set<Operation>();
  for (const method of routeFileMethods) {
    const handler = routeModule[method];
    if (typeof handler === 'function' && 'operation' in handler)
      found.add((handler as OperationHandler).operation);
  }
  return [...found];
}
