import { describe, expect, it } from 'vitest';
import { sealingWords, verificationWords } from '@/app/(console)/audit/_components/integrity-words';
import { NOW } from '@/lib/testing/clock';

const before = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const sealing = {
  sealed_through: before(3_000),
  events: 5_684,
  checkpoints: 312,
  last_sealed_at: before(1_000),
  unsealed_events: 0,
  oldest_unsealed_at: null,
};
const verified = {
  status: 'verified' as const,
  kind: 'incremental' as const,
  finished_at: before(4 * 60_000),
  events: 5_684,
  checked_events: 84,
  problem_count: 0,
};

describe('the sealed trail badge’s words', () => {
  it('say how far sealing reaches, in relative words from the hub’s clock', () => {
    expect(sealingWords(sealing, NOW)).toMatchObject({
      text: 'Sealed up to 3 seconds ago · 5,684 events',
      tone: 'success',
    });
    // the browser's clock behind the hub's never says "in 2 seconds"
    expect(sealingWords({ ...sealing, sealed_through: before(-2_000) }, NOW).text).toBe(
      'Sealed up to now · 5,684 events',
    );
    expect(
      sealingWords({ ...sealing, sealed_through: before(2 * 3_600_000), events: 1 }, NOW).text,
    ).toBe('Sealed up to 2 hours ago · 1 event');
  });

  it('warn when events wait to be sealed longer than a pass takes, and say when nothing is', () => {
    const late = { ...sealing, unsealed_events: 40, oldest_unsealed_at: before(5 * 60_000) };
    expect(sealingWords(late, NOW)).toMatchObject({
      text: 'Sealed up to 3 seconds ago · 5,684 events · 40 waiting',
      tone: 'warning',
    });
    const fresh = { ...sealing, unsealed_events: 3, oldest_unsealed_at: before(2_000) };
    expect(sealingWords(fresh, NOW).tone).toBe('success');
    const none = { ...sealing, sealed_through: null, events: 0, checkpoints: 0 };
    expect(sealingWords(none, NOW)).toMatchObject({ text: 'Nothing sealed yet', tone: 'neutral' });
  });

  it('say when the last verification ran, what it covered, and stay loud when it failed', () => {
    expect(verificationWords(verified, NOW)).toMatchObject({
      text: 'Verified 4 minutes ago · 84 new events',
      tone: 'success',
    });
    expect(verificationWords({ ...verified, checked_events: 0 }, NOW).text).toBe(
      'Verified 4 minutes ago · no new events',
    );
    expect(verificationWords({ ...verified, kind: 'full' }, NOW).text).toBe(
      'Verified 4 minutes ago · all 5,684 events',
    );
    expect(
      verificationWords({ ...verified, status: 'failed', problem_count: 3 }, NOW),
    ).toMatchObject({ text: 'Tampering found 4 minutes ago · 3 problems', tone: 'danger' });
    const never = { ...verified, status: 'never' as const, kind: null, finished_at: null };
    expect(verificationWords(never, NOW).text).toBe('Not verified yet');
    expect(verificationWords({ ...never, running: true }, NOW).text).toBe('Verifying now…');
  });
});
