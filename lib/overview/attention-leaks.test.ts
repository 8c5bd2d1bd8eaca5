import { describe, expect, it } from 'vitest';
import type { LeakView } from '@/db/queries/enforcement';
import { attentionItems, type AttentionFacts } from './attention';
import { overviewWindows } from './windows';

const now = new Date('2026-06-01T12:00:00Z');
const leak = (over: Partial<LeakView> = {}): LeakView => ({
  id: '00000000-0000-4000-8000-000000000001',
  seq: 42n,
  entryKind: 'agent',
  revokedAt: new Date('2026-06-01T11:00:00Z'),
  entryReason: 'suspended',
  sourceId: '00000000-0000-4000-8000-0000000000aa',
  sourceName: 'Acme CRM',
  sourceKind: 'mcp_server',
  enforcesRevocations: true,
  agentId: '00000000-0000-4000-8000-0000000000bb',
  agentName: 'Terminal Pilot CLI',
  agentStatus: 'suspended',
  clientId: 'terminal-pilot',
  sub: null,
  count: 12,
  refreshes: 0,
  firstAt: new Date('2026-06-01T11:00:10Z'),
  lastAt: new Date('2026-06-01T11:30:00Z'),
  detectedAt: new Date('2026-06-01T11:00:11Z'),
  ...over,
});

const facts = (over: Partial<AttentionFacts>): AttentionFacts => ({
  leaks: [],
  leaksTotal: 0,
  incidents: [],
  scopeDenials: [],
  pending: [],
  pendingTotal: 0,
  unused: [],
  unusedTotal: 0,
  ...over,
});

describe('leaks under "Needs attention"', () => {
  it('come first, critical, in plain words, linking to the entry', () => {
    const { items, more } = attentionItems(
      facts({
        leaks: [
          leak(),
          leak({ sourceKind: 'authorization_server', sourceName: 'Acme AS', refreshes: 3 }),
        ],
        leaksTotal: 7,
        pending: [
          {
            id: 'p',
            name: 'New agent',
            registrationMethod: 'dcr',
            registeredAt: now,
            lastSeenAt: null,
          },
        ],
        pendingTotal: 1,
      }),
      overviewWindows(now),
    );
    expect(items.map((i) => i.kind)).toEqual([
      'revocation_leak',
      'revocation_leak',
      'pending_verification',
    ]);
    expect(items[0]).toMatchObject({
      severity: 'critical',
      title:
        'Acme CRM served 12 calls to Terminal Pilot CLI after it was suspended — it is not enforcing revocations',
      href: '/revocations/42',
      at: new Date('2026-06-01T11:30:00Z'),
    });
    expect(items[1]!.title).toBe(
      'Acme AS keeps refreshing tokens for Terminal Pilot CLI after it was suspended — it does not consult the hub',
    );
    expect(more).toEqual([expect.objectContaining({ kind: 'revocation_leak', count: 5 })]);
  });
});
