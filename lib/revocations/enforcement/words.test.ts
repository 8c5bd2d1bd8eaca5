import { describe, expect, it } from 'vitest';
import { enforcingSource } from '@/lib/testing/enforcement';
import type { SourceEnforcement } from './status';
import { describeEnforcement, describePosition, describeSourceStatus, duration } from './words';

const at = (
  name: string,
  status: SourceEnforcement['status'],
  over: Partial<SourceEnforcement> = {},
) => {
  const source = enforcingSource({ id: name, name });
  return {
    source,
    status,
    appliedAt: status === 'applied' ? new Date('2026-01-01T10:00:00.400Z') : null,
    latencyMs: status === 'applied' ? 400 : null,
    leaks: status === 'not_enforcing' ? 12 : 0,
    counted: true,
    ...over,
  } satisfies SourceEnforcement;
};
const summaryOf = (list: SourceEnforcement[]) => {
  const counted = list.filter((e) => e.counted);
  return {
    should: counted.length,
    applied: counted.filter((e) => e.status === 'applied').length,
    not_enforcing: counted.filter((e) => e.status === 'not_enforcing').length,
  };
};
const describe_ = (list: SourceEnforcement[]) => describeEnforcement(list, summaryOf(list));

describe('the entry’s summary sentence', () => {
  it('says where it is enforced, how fast, and who does not follow', () => {
    const list = [
      at('Billing', 'applied', { latencyMs: 120 }),
      at('Docs', 'applied', { latencyMs: 400 }),
      at('HR', 'applied', { latencyMs: 90 }),
      at('Acme CRM', 'unknown'),
    ];
    expect(describe_(list)).toEqual({
      tone: 'warning',
      short: '3 of 4 servers within 0.4 s; 1 never acknowledged',
      text: 'Enforced at 3 of 4 servers within 0.4 s; Acme CRM has never acknowledged — it does not follow the hub',
    });
    expect(describe_(list.slice(0, 3)).tone).toBe('success');
  });

  it('puts a leak first, groups the rest, and leaves out what is not counted', () => {
    const list = [
      at('Billing', 'pending'),
      at('Docs', 'unreachable'),
      at('Acme CRM', 'not_enforcing'),
      at('Old AS', 'unknown', { counted: false }),
      at('Wiki', 'pending'),
    ];
    expect(describe_(list)).toMatchObject({
      tone: 'danger',
      text:
        'Not yet enforced at any of its 4 servers; Acme CRM still served calls it covers — it is not enforcing revocations; ' +
        'Docs has not been heard from for over 2 minutes; Billing and Wiki have not confirmed it yet',
    });
    expect(describe_([])).toMatchObject({ tone: 'neutral' });
  });

  it('words each status and a source’s position', () => {
    expect(describeSourceStatus(at('A', 'applied'))).toBe(
      'Enforced 0.4 s after the revocation, at 10:00:00',
    );
    expect(describeSourceStatus(at('A', 'not_enforcing'))).toMatch(/^Still served 12 calls/);
    expect(describeSourceStatus(at('A', 'unknown', { counted: false }))).toMatch(/not counted\)$/);
    expect(describePosition({ appliedThroughSeq: null, enforcesRevocations: true }, 5n)).toBe(
      'Never acknowledged — it does not follow the hub',
    );
    expect(describePosition({ appliedThroughSeq: 2n, enforcesRevocations: true }, 5n)).toBe(
      'Through entry 2: 3 entries behind the newest (5)',
    );
    expect(describePosition({ appliedThroughSeq: 5n, enforcesRevocations: true }, 5n)).toBe(
      'Through entry 5, up to date',
    );
    expect([50, 400, 12_400, 300_000, 7_200_000].map(duration)).toEqual([
      'under 0.1 s',
      '0.4 s',
      '12 s',
      '5 min',
      '2 h',
    ]);
  });
});
