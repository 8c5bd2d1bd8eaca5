import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { insertConsoleUser } from '@/db/queries/console-users';
import { auditEvents } from '@/db/schema';
import { checkSession, startSession } from '@/lib/auth/server-sessions';
import type { HubSession } from '@/lib/auth/session';
import { ExpectedError } from '@/lib/errors';
import { createTestOrg, setupTestDatabase, uniqueEmail } from '@/lib/testing/fixtures';
import { endOtherOwnSessions, endOwnSession, listOwnSessions } from './own-sessions';

const database = setupTestDatabase();
const limits = { idleTimeoutSeconds: 3600, maxAgeSeconds: 86_400 };
const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0';
const iphone =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.4 Mobile/15E148 Safari/604.1';

async function person() {
  const db = database().db;
  const org = await createTestOrg(db);
  const user = await insertConsoleUser(db, org.id, { email: uniqueEmail('me'), role: 'auditor' });
  const other = await insertConsoleUser(db, org.id, { email: uniqueEmail('them'), role: 'admin' });
  const hub: HubSession = { kind: 'console', userId: user.id, orgId: org.id };
  const otherHub: HubSession = { kind: 'console', userId: other.id, orgId: org.id };
  const here = await startSession(db, hub, { ip: '192.0.2.1', userAgent: firefox }, limits);
  const phone = await startSession(db, hub, { ip: '192.0.2.2', userAgent: iphone }, limits);
  const theirs = await startSession(db, otherHub, { ip: '192.0.2.3', userAgent: firefox }, limits);
  const actor = { id: user.id, orgId: org.id, email: user.email };
  const live = async (h: HubSession, id: string) => (await checkSession(db, h, id, limits)).ok;
  const audits = (type: string) =>
    db
      .select({ data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, org.id), eq(auditEvents.type, type)));
  return { db, org, hub, otherHub, here, phone, theirs, actor, live, audits };
}

describe('a person’s own sessions', () => {
  it('lists only their live sessions, this device first, in plain words', async () => {
    const p = await person();
    const list = await listOwnSessions(p.db, p.actor, p.here, limits);
    expect(list.map((s) => [s.device, s.ip, s.current])).toEqual([
      ['Firefox on Linux', '192.0.2.1', true],
      ['Safari on iPhone', '192.0.2.2', false],
    ]);
  });

  it('signs out one other session, audited; never the current one or someone else’s', async () => {
    const p = await person();
    await endOwnSession(p.db, p.actor, { sessionId: p.phone, currentId: p.here });
    expect(await p.live(p.hub, p.phone)).toBe(false);
    expect(await p.live(p.hub, p.here)).toBe(true);
    expect(await p.audits('session.ended')).toEqual([
      { data: { sessionId: p.phone, userId: p.actor.id } },
    ]);
    await expect(
      endOwnSession(p.db, p.actor, { sessionId: p.theirs, currentId: p.here }),
    ).rejects.toThrow(ExpectedError);
    expect(await p.live(p.otherHub, p.theirs)).toBe(true);
    await expect(
      endOwnSession(p.db, p.actor, { sessionId: p.here, currentId: p.here }),
    ).rejects.toThrow(/the session you are using/);
  });

  it('signs out everywhere else and keeps this device', async () => {
    const p = await person();
    expect(await endOtherOwnSessions(p.db, p.actor, p.here)).toBe(1);
    expect(await p.live(p.hub, p.here)).toBe(true);
    expect(await p.live(p.hub, p.phone)).toBe(false);
    expect(await p.live(p.otherHub, p.theirs)).toBe(true);
    expect(await p.audits('user.sessions_ended')).toHaveLength(1);
    await expect(endOtherOwnSessions(p.db, p.actor, p.here)).rejects.toThrow(/nowhere else/);
  });
});
