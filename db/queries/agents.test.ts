import { beforeAll, describe, expect, it } from 'vitest';
import { AS_ISSUER } from '@/lib/testing/events';
import { AS2, ids, NOW, seedAgents } from '@/lib/testing/agents';
import { setupTestDatabase } from '@/lib/testing/fixtures';
import {
  containsPattern,
  countActiveConsents,
  countAgentFacets,
  listAgentsKeyset,
  listAgentsPage,
  type AgentFilter,
  type AgentSortId,
} from './agents';

const database = setupTestDatabase();
let seeded: Awaited<ReturnType<typeof seedAgents>>;
let orgId = '';

beforeAll(async () => {
  seeded = await seedAgents(database().db);
  orgId = seeded.org.id;
  // Another org's agents never show.
  await seedAgents(database().db);
});

const page = (
  filter: AgentFilter = {},
  options: {
    grouped?: boolean;
    sort?: AgentSortId;
    desc?: boolean;
    limit?: number;
    offset?: number;
  } = {},
) =>
  listAgentsPage(database().db, orgId, {
    filter,
    grouped: options.grouped ?? false,
    sort: { id: options.sort ?? 'name', desc: options.desc ?? false },
    limit: options.limit ?? 25,
    offset: options.offset ?? 0,
    now: NOW,
  });

const clientIds = (rows: { clientId: string }[]) => rows.map((r) => r.clientId);

describe('listAgentsPage', () => {
  it('lists every instance without deleted ones by default, sorted by name', async () => {
    const { rows, total } = await page();
    expect(total).toBe(8);
    expect(rows.map((r) => r.clientName ?? r.clientId)).toEqual([
      'dcr-stray',
      'Elsewhere Agent',
      'Ledger 50%_off',
      'Lumen Assistant',
      'Notes Bot',
      'Notes Bot',
      'Orbit Desktop',
      'Orbit Desktop',
    ]);
    expect(clientIds(rows)).not.toContain(ids.orbit[0]);
    const withDeleted = await page({ includeDeleted: true });
    expect(withDeleted.total).toBe(9);
    expect(withDeleted.rows.find((r) => r.clientId === ids.orbit[0])?.deletedAt).toBeInstanceOf(
      Date,
    );
  });

  it('groups a family into its newest instance with instance and idle counts', async () => {
    const { rows, total } = await page({}, { grouped: true });
    expect(total).toBe(6);
    const orbit = rows.find((r) => r.clientName === 'Orbit Desktop')!;
    expect(orbit.clientId).toBe(ids.orbit[2]);
    expect(orbit).toMatchObject({ instances: 2, idleInstances: 1, idle: false });
    expect(orbit.familyLastSeenAt?.getTime()).toBeGreaterThanOrEqual(orbit.lastSeenAt!.getTime());
    const notes = rows.find((r) => r.clientName === 'Notes Bot')!;
    expect(notes).toMatchObject({ clientId: ids.notes[1], instances: 2, idleInstances: 1 });
    expect(notes.familyKey).toBe('notes bot|notes.example');
    // An agent with no family key is a family of one.
    const stray = rows.find((r) => r.clientId === ids.stray)!;
    expect(stray).toMatchObject({ familyKey: null, instances: 1 });
    // Shown with deleted ones, the family counts its deleted instance too.
    const all = await page({ includeDeleted: true }, { grouped: true });
    expect(all.rows.find((r) => r.clientName === 'Orbit Desktop')?.instances).toBe(3);
  });

  it('lists one family’s instances', async () => {
    const { rows, total } = await page(
      { family: 'software:com.orbit.desktop', includeDeleted: true },
      { sort: 'registered', desc: true },
    );
    expect(total).toBe(3);
    expect(clientIds(rows)).toEqual([ids.orbit[2], ids.orbit[1], ids.orbit[0]]);
    expect(rows.map((r) => r.idle)).toEqual([false, true, true]);
  });

  it('filters on each facet, and on several values of one', async () => {
    expect(clientIds((await page({ method: ['cimd'] })).rows)).toEqual([ids.lumen]);
    expect(clientIds((await page({ clientType: ['confidential'] })).rows)).toEqual([ids.ledger]);
    expect(clientIds((await page({ clientType: ['unknown'] })).rows)).toEqual([ids.stray]);
    expect((await page({ clientType: ['unknown', 'confidential'] })).total).toBe(2);
    expect(clientIds((await page({ issuer: [AS2] })).rows)).toEqual([ids.other]);
    expect((await page({ issuer: [AS_ISSUER, AS2] })).total).toBe(8);
    expect((await page({ status: ['verified'] })).total).toBe(0);
    expect((await page({ status: ['pending'], method: ['dcr'] })).total).toBe(5);
  });

  it('searches name, client_id, software_id and redirect URIs, with % and _ taken literally', async () => {
    const search = async (q: string) => clientIds((await page({ q })).rows).sort();
    expect(await search('lumen')).toEqual([ids.lumen]);
    expect(await search('DCR-NOTES')).toEqual([...ids.notes].sort());
    expect(await search('com.orbit')).toEqual([ids.orbit[1], ids.orbit[2]].sort());
    expect(await search('app.lumen.example/cb')).toEqual([ids.lumen]);
    expect(await search('50%_')).toEqual([ids.ledger]);
    expect(await search('%')).toEqual([ids.ledger]);
    expect(await search('_')).toEqual([ids.ledger]);
    expect(containsPattern('a%b_c\\')).toBe('%a\\%b\\_c\\\\%');
  });

  it('sorts each sortable column both ways, nulls of last seen last, and pages without overlap', async () => {
    for (const sort of ['name', 'status', 'method', 'last_seen', 'registered'] as const) {
      for (const desc of [false, true]) {
        const all = clientIds((await page({}, { sort, desc })).rows);
        const paged = [
          ...clientIds((await page({}, { sort, desc, limit: 3, offset: 0 })).rows),
          ...clientIds((await page({}, { sort, desc, limit: 3, offset: 3 })).rows),
          ...clientIds((await page({}, { sort, desc, limit: 3, offset: 6 })).rows),
        ];
        expect(paged).toEqual(all);
        expect(new Set(all).size).toBe(8);
      }
    }
    const byRegistered = clientIds((await page({}, { sort: 'registered', desc: true })).rows);
    expect(byRegistered[0]).toBe(ids.stray);
    expect(byRegistered.at(-1)).toBe(ids.lumen);
    const byMethod = (await page({}, { sort: 'method' })).rows.map((r) => r.registrationMethod);
    expect(byMethod).toEqual([...byMethod].sort());
  });
});

describe('countAgentFacets', () => {
  it('counts each value with the other filters applied, families when grouped', async () => {
    const db = database().db;
    const plain = await countAgentFacets(db, orgId, {}, false);
    expect(plain.method).toEqual(
      expect.arrayContaining([
        { value: 'dcr', count: 5 },
        { value: 'cimd', count: 1 },
        { value: 'preregistered', count: 1 },
        { value: 'manual', count: 1 },
      ]),
    );
    expect(plain.clientType).toEqual(
      expect.arrayContaining([
        { value: 'public', count: 6 },
        { value: 'confidential', count: 1 },
        { value: 'unknown', count: 1 },
      ]),
    );
    expect(plain.issuer).toEqual([
      { value: AS_ISSUER, count: 7 },
      { value: AS2, count: 1 },
    ]);
    expect(plain.status).toEqual([{ value: 'pending', count: 8 }]);
    expect(plain.deleted).toBe(1);

    const grouped = await countAgentFacets(db, orgId, {}, true);
    expect(grouped.method).toContainEqual({ value: 'dcr', count: 3 });
    // A facet's own selection does not narrow its counts; the others' do.
    const filtered = await countAgentFacets(db, orgId, { method: ['cimd'] }, false);
    expect(filtered.method).toContainEqual({ value: 'dcr', count: 5 });
    expect(filtered.issuer).toEqual([{ value: AS_ISSUER, count: 1 }]);
    expect(filtered.deleted).toBe(0);
  });
});

describe('countActiveConsents', () => {
  it('counts active consents per agent and per family', async () => {
    const db = database().db;
    const lumen = await seeded.agent(ids.lumen);
    const orbit = await seeded.agent(ids.orbit[2]);
    const byAgent = await countActiveConsents(db, orgId, { agentIds: [lumen.id, orbit.id] }, NOW);
    expect(byAgent.get(lumen.id)).toBe(1);
    expect(byAgent.get(orbit.id)).toBe(1);
    const byFamily = await countActiveConsents(
      db,
      orgId,
      { familyKeys: ['software:com.orbit.desktop', ids.lumen] },
      NOW,
    );
    expect(byFamily.get('software:com.orbit.desktop')).toBe(1);
    expect(byFamily.get(ids.lumen)).toBe(1);
    expect(await countActiveConsents(db, orgId, { agentIds: [] })).toEqual(new Map());
  });
});

describe('listAgentsKeyset', () => {
  it('pages newest first without gaps or repeats, deleted agents included', async () => {
    const db = database().db;
    const seen: string[] = [];
    let cursor = null;
    for (let i = 0; i < 10; i++) {
      const { items, next } = await listAgentsKeyset(db, orgId, { cursor, limit: 2 });
      seen.push(...items.map((a) => a.id));
      if (!next) break;
      cursor = next;
    }
    expect(seen).toHaveLength(9);
    expect(new Set(seen).size).toBe(9);
    const all = await listAgentsKeyset(db, orgId, { cursor: null, limit: 100 });
    expect(all.items.map((a) => a.id)).toEqual(seen);
    expect(all.next).toBeNull();
    const filtered = await listAgentsKeyset(db, orgId, {
      issuer: AS_ISSUER,
      clientId: ids.lumen,
      status: 'pending',
      cursor: null,
      limit: 10,
    });
    expect(filtered.items.map((a) => a.clientId)).toEqual([ids.lumen]);
  });
});
