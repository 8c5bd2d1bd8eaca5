import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_NOT_FOUND_ROUTE, discoverRouteFiles } from '@/lib/access/discover';
import { problemType } from '@/lib/errors';
import { declaredOperations } from '@/lib/testing/api-operations';
import * as unknown from '@/app/api/v1/[...unknown]/route';

const root = process.cwd();

describe('an unknown path under /api/v1', () => {
  it('answers a 404 problem document to every method', async () => {
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      const res = await unknown[method](
        new Request('http://hub.test/api/v1/agents/x/nope', {
          method,
          headers: { cookie: 'authjs.session-token=x' },
        }),
      );
      expect(res.status, method).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toMatchObject({
        type: problemType('not_found'),
        title: 'Not Found',
        status: 404,
      });
      expect(body.detail).toContain('/api/v1/agents/x/nope');
      expect(body.detail).toContain('/api/v1/openapi.json');
    }
  });

  it('is neither an operation of the API nor a route of the access table', async () => {
    expect(existsSync(path.join(root, API_NOT_FOUND_ROUTE))).toBe(true);
    const discovered = discoverRouteFiles(root);
    expect(discovered.length).toBeGreaterThan(20);
    expect(discovered.map((r) => r.file)).not.toContain(API_NOT_FOUND_ROUTE);
    expect((await declaredOperations()).some((op) => op.path.includes('unknown'))).toBe(false);
  });
});
