import { describe, expect, it } from 'vitest';
import { routeFileMethods } from './methods';
import { declaredRoutes } from '@/lib/testing/api-operations';

/** Methods a path does not declare: a 405 problem naming the declared ones, before any credential. */
const none = { params: Promise.resolve({}) };
type Handler = (request: Request, context: typeof none) => Promise<Response>;

async function handlerOf(file: string, method: string): Promise<Handler> {
  const routeModule = (await import(/* @vite-ignore */ `${process.cwd()}/${file}`)) as Record<
    string,
    Handler
  >;
  return routeModule[method]!;
}

const ask = async (file: string, method: string) =>
  (await handlerOf(file, method))(new Request(`http://hub.test/x`, { method }), none);

describe('a method the path does not declare', () => {
  it('answers 405 problem+json with Allow naming the declared methods', async () => {
    const put = await ask('app/api/v1/tokens/[tokenId]/route.ts', 'PUT');
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(put.headers.get('content-type')).toBe('application/problem+json');
    expect(await put.json()).toMatchObject({ status: 405, title: 'Method Not Allowed' });
    const get = await ask('app/api/v1/subjects/revoke/route.ts', 'GET');
    expect(get.headers.get('allow')).toBe('POST, OPTIONS');
    expect((await ask('app/api/v1/subjects/revoke/route.ts', 'HEAD')).status).toBe(405);
    expect((await ask('app/api/v1/agents/status/route.ts', 'DELETE')).status).toBe(405);
    const both = await ask('app/api/v1/sources/route.ts', 'PATCH');
    expect(both.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
  });

  it('answers OPTIONS with 204 and the sorted Allow, as Next would', async () => {
    const options = await ask('app/api/v1/sources/route.ts', 'OPTIONS');
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('GET, HEAD, OPTIONS, POST');
  });

  it('holds for every route file: each method is its operation or a 405 from the declarations', async () => {
    for (const route of await declaredRoutes()) {
      if (route.operations.length === 0) continue; // next-auth's own endpoints
      const declared = new Set(route.operations.map((op) => op.method as string));
      for (const method of routeFileMethods) {
        const handler = route.routeModule[method] as { operation?: { method: string } };
        expect(typeof handler, `${method} ${route.path}`).toBe('function');
        if (declared.has(method)) expect(handler.operation?.method).toBe(method);
        else if (method === 'HEAD' && declared.has('GET'))
          expect(handler).toBe(route.routeModule.GET);
        else if (method !== 'OPTIONS') {
          const answer = await ask(route.file, method);
          expect(answer.status, `${method} ${route.path}`).toBe(405);
          expect(answer.headers.get('allow')).toContain('OPTIONS');
        }
      }
    }
  });
});
