import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '@/db/queries/audit';
import { getSessionState, listLiveSessionsOfUser } from '@/db/queries/console-sessions';
import { insertConsoleUser } from '@/db/queries/console-users';
import { createTestOrg, setupTestDatabase, uniqueEmail } from '@/lib/testing/fixtures';
import { checkSession, endSessionOnSignOut, startSession } from './server-sessions';
import type { HubSession } from './session';

const database = setupTestDatabase();
const limits = { idleTimeoutSeconds: 3600, maxAgeSeconds: 86_400 };
const origin = { ip: '203.0.113.9', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' };
const minutes = (n: number) => n * 60_000;

async function consoleUser() {
  const db = database().db;
  const org = await createTestOrg(db);
  const user = await insertConsoleUser(db, org.id, { email: uniqueEmail('admin'), role: 'admin' });
  const hub: HubSession = { kind: 'console', userId: user.id, orgId: org.id };
  return { db, org, user, hub };
}

describe('server-side sessions', () => {
  it('a new session is live and records where it came from', async () => {
    const { db, org, user, hub } = await consoleUser();
    const start = new Date();
    const id = await startSession(db, hub, origin, limits, start);
    expect(await checkSession(db, hub, id, limits, new Date(start.getTime() + 1000))).toEqual({
      ok: true,
    });
    const [listed] = await listLiveSessionsOfUser(db, org.id, user.id, {
      now: start,
      idleSince: new Date(start.getTime() - 1000),
    });
    expect(listed).toMatchObject({ id, ip: origin.ip, userAgent: origin.userAgent });
    expect(listed!.expiresAt.getTime()).toBe(start.getTime() + 86_400_000);
  });

  it('refuses a cookie that names no session, another user’s session, or a made-up id', async () => {
    const { db, org, hub } = await consoleUser();
    const other = await insertConsoleUser(db, org.id, { email: uniqueEmail('b'), role: 'admin' });
    const id = await startSession(db, hub, origin, limits);
    expect(await checkSession(db, hub, undefined, limits)).toEqual({
      ok: false,
      reason: 'unknown',
    });
    expect(await checkSession(db, hub, 'not-a-uuid', limits)).toMatchObject({ ok: false });
    expect(await checkSession(db, hub, '00000000-0000-4000-8000-000000000000', limits)).toEqual({
      ok: false,
      reason: 'unknown',
    });
    const forged: HubSession = { kind: 'console', userId: other.id, orgId: org.id };
    expect(await checkSession(db, forged, id, limits)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('sign-out ends the session on the server, audited in the same step', async () => {
    const { db, org, user, hub } = await consoleUser();
    const id = await startSession(db, hub, origin, limits);
    await endSessionOnSignOut(db, hub, id, { label: user.email, ...origin });
    expect(await checkSession(db, hub, id, limits)).toEqual({ ok: false, reason: 'ended' });
    expect((await getSessionState(db, org.id, id))?.endedAt).toBeInstanceOf(Date);
    const { items } = await listAuditEvents(db, org.id, {
      limit: 5,
      filter: { type: 'user.signed_out' },
    });
    expect(items[0]).toMatchObject({ actorId: user.id, ip: origin.ip });
  });

  it('ends a session idle for longer than the idle timeout, and audits that once', async () => {
    const { db, org, hub } = await consoleUser();
    const start = new Date(Date.now() - minutes(120));
    const id = await startSession(db, hub, origin, limits, start);
    // Used after 50 minutes: last seen moves, so 59 minutes after that it is still live.
    expect(
      await checkSession(db, hub, id, limits, new Date(start.getTime() + minutes(50))),
    ).toEqual({ ok: true });
    expect(
      await checkSession(db, hub, id, limits, new Date(start.getTime() + minutes(109))),
    ).toEqual({ ok: true });
    // ... which moved last seen again; then an hour and a bit without use ends it.
    const late = new Date(start.getTime() + minutes(109 + 61));
    expect(await checkSession(db, hub, id, limits, late)).toEqual({ ok: false, reason: 'idle' });
    expect(await checkSession(db, hub, id, limits, late)).toEqual({ ok: false, reason: 'ended' });
    const { items } = await listAuditEvents(db, org.id, {
      limit: 5,
      filter: { type: 'session.expired' },
    });
    expect(items).toHaveLength(1);
    expect(items[0]!.summary).toContain('idle');
  });

  it('ends a session at its absolute lifetime however busy it is', async () => {
    const { db, hub } = await consoleUser();
    const start = new Date(Date.now() - 86_400_000 - minutes(5));
    const id = await startSession(db, hub, origin, limits, start);
    for (let m = 30; m < 24 * 60; m += 30) {
      expect(
        await checkSession(db, hub, id, limits, new Date(start.getTime() + minutes(m))),
      ).toEqual({ ok: true });
    }
    expect(await checkSession(db, hub, id, limits, new Date(start.getTime() + 86_400_000))).toEqual(
      { ok: false, reason: 'max_age' },
    );
  });

  it('writes last seen at most once a minute', async () => {
    const { db, org, hub } = await consoleUser();
    const start = new Date(Date.now() - minutes(10));
    const id = await startSession(db, hub, origin, limits, start);
    await checkSession(db, hub, id, limits, new Date(start.getTime() + 30_000));
    expect((await getSessionState(db, org.id, id))!.lastSeenAt.getTime()).toBe(start.getTime());
    await checkSession(db, hub, id, limits, new Date(start.getTime() + 61_000));
    expect((await getSessionState(db, org.id, id))!.lastSeenAt.getTime()).toBe(
      start.getTime() + 61_000,
    );
  });

  it('keeps end users’ sessions the same way', async () => {
    const { db, org } = await consoleUser();
    const hub: HubSession = {
      kind: 'end_user',
      orgId: org.id,
      issuer: 'https://idp.example',
      sub: 'maya',
      name: 'Maya',
      email: null,
      demo: true,
    };
    const id = await startSession(db, hub, origin, limits);
    expect(await checkSession(db, hub, id, limits)).toEqual({ ok: true });
    expect(await checkSession(db, { ...hub, sub: 'daniel' }, id, limits)).toMatchObject({
      ok: false,
    });
    await endSessionOnSignOut(db, hub, id, { label: 'Maya', ...origin });
    expect(await checkSession(db, hub, id, limits)).toEqual({ ok: false, reason: 'ended' });
  });
});
