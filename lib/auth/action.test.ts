import { forbidden, notFound, redirect } from 'next/navigation';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ExpectedError } from '@/lib/errors';
import { formFields, serverAction } from './action';
import { getConsoleActor, getSession, getSessionId } from './guards';

// The session is next-auth's cookie, which only Next's request scope decodes: the session it
// stands for is given here; everything the factory does with it is real.
vi.mock('server-only', () => ({}));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'user-agent': 'test' }) }));
vi.mock('./guards', () => ({
  getSession: vi.fn(),
  getConsoleActor: vi.fn(),
  getSessionId: vi.fn(),
}));

const orgId = '00000000-0000-4000-8000-000000000001';
const admin = {
  id: '00000000-0000-4000-8000-000000000002',
  orgId,
  email: 'admin@example.test',
  role: 'admin',
  status: 'active',
  passwordIsTemporary: false,
};

function signedIn(kind: 'console' | 'end_user') {
  vi.mocked(getSession).mockResolvedValue(
    kind === 'console'
      ? { kind, orgId, userId: admin.id }
      : {
          kind,
          orgId,
          issuer: 'https://as.test',
          sub: 'alice',
          name: 'Alice',
          email: null,
          demo: false,
        },
  );
  vi.mocked(getConsoleActor).mockResolvedValue(kind === 'console' ? (admin as never) : null);
  vi.mocked(getSessionId).mockResolvedValue(null);
}

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
}

beforeEach(() => {
  vi.unstubAllEnvs();
});

describe('a server action', () => {
  it('passes notFound(), redirect() and forbidden() of its handler on to Next', async () => {
    vi.stubEnv('__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS', 'true');
    signedIn('console');
    const schema = z.object({});
    const signals = [() => notFound(), () => redirect('/elsewhere'), () => forbidden()];
    for (const signal of signals) {
      const act = serverAction({ as: 'console', permission: 'read', schema }, async () => signal());
      await expect(act(null, form([]))).rejects.toHaveProperty(
        'digest',
        expect.stringMatching(/^NEXT_(HTTP_ERROR_FALLBACK;40[34]|REDIRECT;)/),
      );
    }
    signedIn('end_user');
    const mine = serverAction({ as: 'end_user', schema }, async () => notFound());
    await expect(mine(null, form([]))).rejects.toHaveProperty(
      'digest',
      'NEXT_HTTP_ERROR_FALLBACK;404',
    );
  });

  it('keeps every value of a repeated field, for an end user as for the console', async () => {
    const schema = z.object({ scope: z.array(z.string()) });
    const handler = async (input: z.infer<typeof schema>) => ({
      ok: true as const,
      data: input.scope,
    });
    const fields = form([
      ['scope', 'repo:read'],
      ['scope', 'repo:write'],
      ['$ACTION_ID_x', ''],
    ]);
    signedIn('end_user');
    expect(await serverAction({ as: 'end_user', schema }, handler)(null, fields)).toEqual({
      ok: true,
      data: ['repo:read', 'repo:write'],
    });
    signedIn('console');
    expect(
      await serverAction({ as: 'console', permission: 'read', schema }, handler)(null, fields),
    ).toEqual({ ok: true, data: ['repo:read', 'repo:write'] });
    expect(formFields(fields)).toEqual({ scope: ['repo:read', 'repo:write'] });
  });

  it('answers refused input with field errors, a refusal with its code, a fault generically', async () => {
    signedIn('console');
    const schema = z.object({ days: z.coerce.number().min(30, 'Keep at least 30 days.') });
    const ok = async () => ({ ok: true as const, data: undefined });
    const act = serverAction({ as: 'console', permission: 'write', schema }, ok);
    expect(await act(null, form([['days', '3']]))).toEqual({
      ok: false,
      code: 'invalid',
      error: 'Some fields need attention.',
      fieldErrors: { days: ['Keep at least 30 days.'] },
    });
    const refusing = serverAction({ as: 'console', permission: 'write', schema }, async () => {
      throw new ExpectedError('invalid', 'Not scopes of this consent: x', {
        errors: [{ path: '/scopes', message: 'Not scopes of this consent: x' }],
      });
    });
    expect(await refusing(null, form([['days', '40']]))).toEqual({
      ok: false,
      code: 'invalid',
      error: 'Not scopes of this consent: x',
      fieldErrors: { scopes: ['Not scopes of this consent: x'] },
    });
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const broken = serverAction({ as: 'console', permission: 'write', schema }, async () => {
      throw new Error('connection refused');
    });
    expect(await broken(null, form([['days', '40']]))).toMatchObject({
      ok: false,
      code: 'internal',
      error: expect.stringContaining('Something went wrong'),
    });
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });

  it('refuses a missing session, the wrong kind of session and a role without the permission', async () => {
    const schema = z.object({});
    let ran = 0;
    const handler = async () => {
      ran++;
      return { ok: true as const, data: undefined };
    };
    signedIn('end_user');
    expect(
      await serverAction({ as: 'console', permission: 'read', schema }, handler)(null, form([])),
    ).toMatchObject({ ok: false, code: 'unauthorized' });
    signedIn('console');
    expect(await serverAction({ as: 'end_user', schema }, handler)(null, form([]))).toMatchObject({
      ok: false,
      code: 'unauthorized',
      error: 'Your session has ended. Sign in again.',
    });
    expect(
      await serverAction({ as: 'console', permission: 'manage_users', schema }, handler)(
        null,
        form([]),
      ),
    ).toMatchObject({ ok: false, code: 'forbidden', error: 'Your role may not do this.' });
    expect(ran).toBe(0);
  });
});
