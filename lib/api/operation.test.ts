import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineOperation } from './operation';

/** JSON answers are parsed against the declared schema: nothing undeclared leaves the hub. */
const schema = z.object({ id: z.string(), nested: z.object({ name: z.string() }) });
const none = { params: Promise.resolve({}) };
const call = (handler: ReturnType<typeof defineOperation>) =>
  handler(new Request('http://hub.test/api/v1/example'), none);

function operation(answer: () => Promise<unknown>) {
  return defineOperation(
    {
      method: 'GET',
      path: '/api/v1/example',
      tag: 'Test',
      summary: 'An example',
      access: 'public',
      response: { status: 200, schema },
      headers: { 'cache-control': 'no-store' },
    },
    answer as () => Promise<z.input<typeof schema>>,
  );
}

afterEach(() => vi.restoreAllMocks());

describe('a declared JSON answer', () => {
  it('strips a field the schema does not declare, at every depth', async () => {
    const leaky = { id: 'a', secret: 'hunter2', nested: { name: 'n', password_hash: 'x' } };
    const response = await call(operation(async () => leaky));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ id: 'a', nested: { name: 'n' } });
  });

  it('strips it from an answer the handler made as a Response, too', async () => {
    const response = await call(
      operation(async () => Response.json({ id: 'a', secret: 's', nested: { name: 'n' } })),
    );
    expect(await response.json()).toEqual({ id: 'a', nested: { name: 'n' } });
  });

  it('is a 500 that reveals nothing when the answer does not fit its schema', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = await call(operation(async () => ({ id: 7, secret: 'hunter2' })));
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(body).not.toContain('hunter2');
    expect(JSON.parse(body)).toMatchObject({ status: 500 });
    // the paths of the failing fields are logged, never their values
    expect(JSON.stringify(logged.mock.calls)).not.toContain('hunter2');
    expect(JSON.stringify(logged.mock.calls)).toContain('nested');
  });

  it('passes refusals (problem documents) through unparsed', async () => {
    const response = await call(
      operation(async () => Response.json({ status: 409 }, { status: 409 })),
    );
    expect(response.status).toBe(409);
  });
});
