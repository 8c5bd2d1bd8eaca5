import type { z } from 'zod';
import type { Credential } from '@/lib/access/access-table';
import { ExpectedError } from '@/lib/errors';
import { problem, problemOf } from '@/lib/http/problem';
import { readQuery } from './list';
import { isJsonAnswer, type JsonAnswer } from './answer';
import { apiRoute, readJsonBody, readOptionalJsonBody, type ApiContext } from './route';

/**
 * One operation of the management API, declared where its handler is: what the OpenAPI document
 * says of it (lib/api/openapi/document.ts), who the access table admits (lib/access/api-table.ts),
 * what its query, body and answer are checked against, and which methods its path serves (405).
 */
export type Access = 'public' | 'read' | 'write' | 'source-key' | 'source-signature';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A JSON answer: parsed against `schema` before it is sent, so no undeclared field leaves. */
export type JsonResponse<S extends z.ZodType = z.ZodType> = { status: number; schema: S };
/** A stream (SSE, NDJSON, CSV): declared by its content type, sent as the handler made it. */
export type StreamResponse = { status: number; contentType: string; description: string };

export type Operation = {
  method: HttpMethod;
  /** OpenAPI path, `{param}` for a dynamic segment; the route file's own path */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  query?: z.ZodType;
  body?: z.ZodType;
  /** no body at all reads as `{}` */
  bodyOptional?: boolean;
  response: JsonResponse | StreamResponse;
  /** headers of every success answer (e.g. `cache-control`) */
  headers?: Record<string, string>;
  /** error statuses beyond those implied by `access` */
  errors?: number[];
  /** the credentials the access table admits, where the rule of lib/access/api-table.ts does not fit */
  admits?: readonly Credential[];
};

/** `{agentId: string}` for `/api/v1/agents/{agentId}`. */
type ParamsOf<P extends string> = P extends `${string}{${infer N}}${infer Rest}`
  ? { [K in N | keyof ParamsOf<Rest>]: string }
  : Record<never, string>;
type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
type Guarded = Exclude<Access, 'public' | 'source-signature'>;
type Context<Spec extends Operation> = {
  params: ParamsOf<Spec['path']>;
  query: Parsed<Spec['query']>;
  body: Parsed<Spec['body']>;
} & (Spec['access'] extends Guarded
  ? Omit<ApiContext<ParamsOf<Spec['path']>>, 'params'>
  : Record<never, never>);
type Reply<Spec extends Operation> =
  Spec['response'] extends JsonResponse<infer S>
    ? z.input<S> | JsonAnswer<z.input<S>> | Response
    : Response;

export type NextHandler = (
  request: Request,
  route: { params: Promise<Record<string, string>> },
) => Promise<Response>;
export type OperationHandler = NextHandler & { operation: Operation };

const internalError = () =>
  problem(
    500,
    'Internal Server Error',
    'The hub could not complete this request; nothing was changed.',
  );

/** The answer sent for what the handler returned: JSON parsed against the declared schema. */
async function send(op: Operation, result: unknown): Promise<Response> {
  if ('contentType' in op.response) return result as Response;
  const schema = op.response.schema;
  let answer: { json: unknown; status?: number; headers?: HeadersInit } = isJsonAnswer(result)
    ? result
    : { json: result };
  if (result instanceof Response) {
    const type = result.headers.get('content-type') ?? '';
    if (!result.ok || !type.includes('json')) return result;
    answer = { json: await result.json(), status: result.status, headers: result.headers };
  }
  const parsed = schema.safeParse(answer.json);
  if (!parsed.success) {
    // the paths of the failing fields only: the data may be anything
    console.error(
      `[hub] ${op.method} ${op.path} answered outside its schema at`,
      parsed.error.issues.map((i) => i.path.join('.') || '(root)'),
    );
    return internalError();
  }
  const headers = new Headers(op.headers);
  for (const [k, v] of new Headers(answer.headers)) headers.set(k, v);
  headers.set('content-type', 'application/json');
  return new Response(JSON.stringify(parsed.data), {
    status: answer.status ?? op.response.status,
    headers,
  });
}

/** The error boundary of operations that check their caller themselves (or admit anyone). */
function unguarded(run: NextHandler): NextHandler {
  return async (request, route) => {
    try {
      return await run(request, route);
    } catch (err) {
      if (err instanceof ExpectedError) return problemOf(err);
      console.error('[hub] API route failed', err);
      return internalError();
    }
  };
}

/**
 * The Next handler of one operation, with its declaration attached (`.operation`): credentials,
 * role and the body cap as lib/api/route.ts checks them, then the declared query and body, then
 * the handler, whose JSON answer is parsed against the declared response schema.
 */
export function defineOperation<const Spec extends Operation>(
  spec: Spec,
  handler: (request: Request, context: Context<Spec>) => Promise<Reply<Spec>>,
): OperationHandler {
  const run = async (request: Request, context: object): Promise<Response> => {
    const query = spec.query ? readQuery(request, spec.query) : undefined;
    const body = !spec.body
      ? undefined
      : spec.bodyOptional
        ? await readOptionalJsonBody(request, spec.body)
        : await readJsonBody(request, spec.body);
    const result = await handler(request, { ...context, query, body } as Context<Spec>);
    return send(spec, result);
  };
  const next: NextHandler =
    spec.access === 'public' || spec.access === 'source-signature'
      ? unguarded(async (request, route) => run(request, { params: await route.params }))
      : (apiRoute(
          {
            permission: spec.access === 'write' ? 'write' : 'read',
            allowSourceKey: spec.access === 'source-key',
          },
          (request, context) => run(request, context),
        ) as NextHandler);
  return Object.assign(next, { operation: spec as Operation });
}

export { answer } from './answer';
