import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditFilter } from '@/lib/audit/filter';
import { createTestOrg, setupTestDatabase } from '@/lib/testing/fixtures';
import { agents, subjects } from '@/db/schema';
import { insertAuditEvent, type AuditInput } from './record';
import { distinctAuditValues, getAuditRow, type AuditRow } from '@/db/queries/audit-trail';
import { listAuditTrail } from './trail';

const database = setupTestDatabase();
const base = Date.parse('2026-06-01T12:00:00.000Z');
const at = (minutes: number) => new Date(base + minutes * 60_000);
const none: AuditFilter = { types: [], outcomes: [] };

let orgId = '';
const sourceA = randomUUID();
const ids = { agentX1: '', agentX2: '', agentY: '', alice: '', bob: '' };

async function add(summary: string, minute: number, extra: Partial<AuditInput> = {}) {
  await insertAuditEvent(database().db, orgId, {
    type: 'tool.invoked',
    summary,
    occurredAt: at(minute),
    ...extra,
  });
}

async function summaries(filter: Partial<AuditFilter>, limit = 50): Promise<string[]> {
  const page = await listAuditTrail(database().db, orgId, { ...none, ...filter }, { limit });
  return page.items.map((e) => e.summary);
}

beforeAll(async () => {
  const { db } = database();
  orgId = (await createTestOrg(db)).id;
  const agent = async (issuer: string, clientId: string) =>
    (await db.insert(agents).values({ orgId, issuer, clientId }).returning())[0]!.id;
  // One client_id under two issuers is two agents; a filter on it must find both.
  ids.agentX1 = await agent('https://as-1.example', 'client-x');
  ids.agentX2 = await agent('https://as-2.example', 'client-x');
  ids.agentY = await agent('https://as-1.example', 'client-y');
  const subject = async (sub: string) =>
    (
      await db.insert(subjects).values({ orgId, issuer: 'https://as-1.example', sub }).returning()
    )[0]!.id;
  ids.alice = await subject('alice@corp.example');
  ids.bob = await subject('bob');

  await add('e1 Alice used tool github.create_issue', 1, {
    agentId: ids.agentX1,
    clientId: 'client-x',
    subjectId: ids.alice,
    sub: 'alice@corp.example',
    tool: 'github.create_issue',
    resource: 'https://mcp.example/github',
    outcome: 'ok',
    ip: '203.0.113.5',
    sourceId: sourceA,
  });
  await add('e2 bob denied', 2, {
    type: 'tool.denied',
    agentId: ids.agentX2,
    clientId: 'client-x',
    subjectId: ids.bob,
    sub: 'bob',
    tool: 'files.read',
    resource: 'https://mcp.example/files',
    outcome: 'denied',
    ip: '198.51.100.7',
    reason: "needs scope files:read, it's missing",
  });
  await add('e3 token issued', 3, {
    type: 'token.issued',
    agentId: ids.agentY,
    clientId: 'client-y',
    tokenRef: 'tok_9f86d081',
    sourceId: sourceA,
  });
  await add('e4 admin verified an agent', 4, {
    type: 'agent.verified',
    actorType: 'admin',
    actorId: 'u1',
    actorLabel: 'owner@hub.example',
    agentId: ids.agentY,
    ip: '203.0.113.77',
  });
  await add('e5 tool error', 5, {
    agentId: ids.agentY,
    clientId: 'client-y',
    tool: 'github.create_issue',
    outcome: 'error',
    resource: 'https://mcp.example/github',
  });
});

describe('listAuditTrail filters', () => {
  it('lists everything newest first without a filter', async () => {
    expect(await summaries({})).toEqual([
      'e5 tool error',
      'e4 admin verified an agent',
      'e3 token issued',
      'e2 bob denied',
      'e1 Alice used tool github.create_issue',
    ]);
  });

  it.each<[string, Partial<AuditFilter>, string[]]>([
    ['after (inclusive)', { after: at(4).toISOString() }, ['e5', 'e4']],
    ['before (exclusive)', { before: at(2).toISOString() }, ['e1']],
    ['after and before', { after: at(2).toISOString(), before: at(4).toISOString() }, ['e3', 'e2']],
    ['one type', { types: ['tool.denied'] }, ['e2']],
    ['two types', { types: ['token.issued', 'tool.denied'] }, ['e3', 'e2']],
    ['source', { sourceId: sourceA }, ['e3', 'e1']],
    ['a client_id of two agents', { clientId: 'client-x' }, ['e2', 'e1']],
    [
      'a client_id, with admin events about its agent',
      { clientId: 'client-y' },
      ['e5', 'e4', 'e3'],
    ],
    ['an unknown client_id', { clientId: 'nobody' }, []],
    ['sub', { sub: 'alice@corp.example' }, ['e1']],
    ['an unknown sub', { sub: 'carol' }, []],
    ['resource', { resource: 'https://mcp.example/github' }, ['e5', 'e1']],
    ['tool', { tool: 'github.create_issue' }, ['e5', 'e1']],
    ['one outcome', { outcomes: ['denied'] }, ['e2']],
    ['two outcomes', { outcomes: ['ok', 'error'] }, ['e5', 'e1']],
    ['ip', { ip: '203.0.113.5' }, ['e1']],
    ['two filters at once', { tool: 'github.create_issue', outcomes: ['ok'] }, ['e1']],
  ])('filters by %s', async (_label, filter, expected) => {
    expect((await summaries(filter)).map((s) => s.split(' ')[0])).toEqual(expected);
  });
});

describe('listAuditTrail free text', () => {
  it.each<[string, string[]]>([
    ['alice', ['e1']],
    ['ALICE', ['e1']],
    ['alice@corp', ['e1']],
    ['alice@corp.example', ['e1']],
    ['203.0.113', ['e4', 'e1']],
    ['203.0.113.5', ['e1']],
    ['create_issue', ['e5', 'e1']],
    ['github.create', ['e5', 'e1']],
    ['tok_9f86', ['e3']],
    ['owner@hub', ['e4']],
    ['files:read', ['e2']],
    ['client-y', ['e5', 'e3']],
    ['tool error', ['e5']],
    ['denied bob', ['e2']],
    ['nothing-like-this', []],
    ["it's", ['e2']],
    ['back\\slash', []],
    ["' & | ! ( ) :*", []],
  ])('"%s"', async (q, expected) => {
    expect((await summaries({ q })).map((s) => s.split(' ')[0])).toEqual(expected);
  });

  it('combines free text with a filter', async () => {
    expect(await summaries({ q: 'github', outcomes: ['error'] })).toEqual(['e5 tool error']);
  });
});

describe('listAuditTrail keyset paging', () => {
  it('pages without duplicates or gaps across ties, with and without split filters', async () => {
    const { db } = database();
    const org = await createTestOrg(db);
    // 23 events in groups of four sharing one instant; the groups differ by a microsecond only,
    // so a cursor that dropped digits would skip or repeat rows. Two types interleaved.
    for (let i = 0; i < 23; i++) {
      const micros = String(Math.floor(i / 4)).padStart(3, '0');
      await db.execute(sql`insert into audit_events (org_id, occurred_at, type, summary)
        values (${org.id}, ${`2026-06-01T12:00:00.000${micros}Z`}::timestamptz,
          ${i % 2 ? 'a.odd' : 'a.even'}, ${`p${i}`})`);
    }
    for (const filter of [{}, { types: ['a.odd', 'a.even'] }]) {
      const seen: AuditRow[] = [];
      let cursor = null;
      let pages = 0;
      do {
        const page: Awaited<ReturnType<typeof listAuditTrail>> = await listAuditTrail(
          db,
          org.id,
          { ...none, ...filter },
          { limit: 5, cursor },
        );
        seen.push(...page.items);
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(5);
      expect(new Set(seen.map((e) => e.summary)).size).toBe(23);
      for (let i = 1; i < seen.length; i++) {
        const [prev, cur] = [seen[i - 1]!, seen[i]!];
        const ordered =
          prev.occurredAt > cur.occurredAt ||
          (prev.occurredAt === cur.occurredAt && Number(prev.id) > Number(cur.id));
        expect(ordered).toBe(true);
      }
      expect(seen[0]!.occurredAt).toBe('2026-06-01T12:00:00.000005Z');
    }
  });

  it("never shows one org another org's events, not even through a cursor", async () => {
    const { db } = database();
    const other = await createTestOrg(db);
    await insertAuditEvent(db, other.id, {
      type: 'tool.invoked',
      summary: 'other org',
      occurredAt: at(0),
    });
    const page = await listAuditTrail(db, other.id, none, {
      limit: 50,
      cursor: { occurredAt: at(100).toISOString(), id: Number.MAX_SAFE_INTEGER },
    });
    expect(page.items.map((e) => e.summary)).toEqual(['other org']);
    expect(await listAuditTrail(db, other.id, { ...none, q: 'alice' }, { limit: 5 })).toEqual({
      items: [],
      nextCursor: null,
    });
  });
});

describe('getAuditRow and distinctAuditValues', () => {
  it('reads one event of the org with its data', async () => {
    const { db } = database();
    const [first] = (await listAuditTrail(db, orgId, none, { limit: 1 })).items;
    const row = await getAuditRow(db, orgId, first!.id);
    expect(row?.summary).toBe('e5 tool error');
    expect(JSON.parse(row!.data!)).toEqual({});
    expect(await getAuditRow(db, (await createTestOrg(db)).id, first!.id)).toBeNull();
    expect(await getAuditRow(db, orgId, 'abc')).toBeNull();
    expect(await getAuditRow(db, orgId, '99999999999999')).toBeNull();
  });

  it('lists the types and outcomes present, in order', async () => {
    const { db } = database();
    expect(await distinctAuditValues(db, orgId, 'type')).toEqual([
      'agent.verified',
      'token.issued',
      'tool.denied',
      'tool.invoked',
    ]);
    expect(await distinctAuditValues(db, orgId, 'outcome')).toEqual(['denied', 'error', 'ok']);
  });
});
