import { describe, expect, it } from 'vitest';
import { describeDeliveries, type DeliveryState } from './delivery-status';

const at = (hms: string) => new Date(`2026-03-01T${hms}Z`);
const d = (over: Partial<DeliveryState>): DeliveryState => ({
  sourceName: 'Files MCP',
  status: 'pending',
  attempts: 0,
  nextAttemptAt: at('14:00:00'),
  deliveredAt: null,
  lastError: null,
  ...over,
});

describe('an entry’s push in words', () => {
  it('says when there is no push server', () => {
    expect(describeDeliveries([])).toEqual({
      tone: 'neutral',
      text: 'No push servers — feed and stream only',
    });
  });

  it('says when every server confirmed, at the last confirmation', () => {
    const done = (t: string) => d({ status: 'delivered', attempts: 1, deliveredAt: at(t) });
    expect(describeDeliveries([done('14:02:01'), done('14:02:07'), done('14:02:03')])).toEqual({
      tone: 'success',
      text: 'Effective at 3 of 3 servers at 14:02:07',
    });
  });

  it('names the server being retried, its next attempt and when', () => {
    expect(
      describeDeliveries([
        d({ status: 'delivered', attempts: 1, deliveredAt: at('14:02:07') }),
        d({ sourceName: 'Wiki MCP', attempts: 3, nextAttemptAt: at('14:10:00') }),
      ]),
    ).toEqual({
      tone: 'warning',
      text: 'Effective at 1 of 2; Wiki MCP unreachable, retrying (attempt 4, next 14:10:00)',
    });
  });

  it('says who was given up on and who is still being sent to', () => {
    expect(
      describeDeliveries([
        d({ sourceName: 'Old MCP', status: 'failed', attempts: 34 }),
        d({ sourceName: 'New MCP' }),
        d({ attempts: 2, nextAttemptAt: at('14:05:00') }),
        d({ attempts: 5, nextAttemptAt: at('14:03:00') }),
      ]),
    ).toEqual({
      tone: 'danger',
      text: 'Old MCP never confirmed (given up after 24 h); 2 servers unreachable, retrying (next 14:03:00); sending to 1 server',
    });
  });
});
