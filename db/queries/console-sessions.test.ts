import { describe, expect, it } from 'vitest';
import { createTestOrg, setupTestDatabase } from '@/lib/testing/fixtures';
import { endSession, getSessionState, insertSession, pruneSessions } from './console-sessions';

const database = setupTestDatabase();
const DAY = 24 * 60 * 60 * 1000;

describe('pruneSessions', () => {
  it('deletes sessions ended or past their absolute end before the cut, and keeps the rest', async () => {
    const { db } = database();
    const org = await createTestOrg(db);
    const now = new Date('2026-12-03T12:00:00Z');
    const session = (createdDaysAgo: number, lifetimeDays = 7) =>
      insertSession(db, org.id, {
        kind: 'end_user',
        issuer: 'https://as.example',
        sub: 'maya',
        userAgent: null,
        ip: null,
        createdAt: new Date(now.getTime() - createdDaysAgo * DAY),
        expiresAt: new Date(now.getTime() - (createdDaysAgo - lifetimeDays) * DAY),
      });
    const live = await session(1);
    const endedLongAgo = await session(50);
    await endSession(db, org.id, endedLongAgo, 'signed_out', {
      now: new Date(now.getTime() - 49 * DAY),
    });
    const endedLately = await session(3);
    await endSession(db, org.id, endedLately, 'signed_out', {
      now: new Date(now.getTime() - 2 * DAY),
    });
    const expiredLongAgo = await session(60);

    expect(await pruneSessions(db, new Date(now.getTime() - 30 * DAY))).toBe(2);
    expect(await getSessionState(db, org.id, live)).not.toBeNull();
    expect(await getSessionState(db, org.id, endedLately)).not.toBeNull();
    expect(await getSessionState(db, org.id, endedLongAgo)).toBeNull();
    expect(await getSessionState(db, org.id, expiredLongAgo)).toBeNull();
  });
});
