import { beforeAll, describe, expect, it } from 'vitest';
import { setDatabase } from '@/db/client';
import { insertAuditEvent } from './record';
import { getAuditRow } from '@/db/queries/audit-trail';
import { listAuditTrail } from './trail';
import { createApiToken } from '@/lib/api-tokens/manage-api-tokens';
import { createSource } from '@/lib/sources/manage-sources';
import { createTestActor, createTestOrg, setupTestDatabase } from '@/lib/testing/fixtures';
import * as list from '@/app/api/v1/audit-events/route';
import * as exporter from '@/app/api/v1/audit-events/export/route';
import { auditExportStream } from './export-stream';
import { csvColumns } from './export-format';

const database = setupTestDatabase();
const tokens = { admin: '', auditor: '', otherAdmin: '', sourceKey: '' };
let orgId = '';
let otherOrgId = '';
const noParams = { params: Promise.resolve({}) };
const base = Date.parse('2026-06-01T12:00:00.000Z');

beforeAll(async () => {
  setDatabase(database());
  const db = database().db;
  const [org, other] = [await createTestOrg(db), await createTestOrg(db)];
  orgId = org.id;
  otherOrgId = other.id;
  const actors = new Map([
    [org.id, await createTestActor(db, org.id)],
    [other.id, await createTestActor(db, other.id)],
  ]);
  const actor = (id: string) => actors.get(id)!;
  const token = async (id: string, name: string, role: 'admin' | 'auditor') =>
    (await createApiToken(db, actor(id), { name, role, expiresInDays: null })).token;
  tokens.admin = await token(org.id, 'ops', 'admin');
  tokens.auditor = await token(org.id, 'reader', 'auditor');
  tokens.otherAdmin = await token(other.id, 'other', 'admin');
  tokens.sourceKey = (
    await createSource(db, actor(org.id), { name: 'AS', kind: 'authorization_server' })
  ).apiKey;
  for (let i = 0; i < 7; i++) {
    await insertAuditEvent(db, org.id, {
      type: 'tool.invoked',
      occurredAt: new Date(base + i * 1000),
      summary: i === 3 ? '=cmd|" /C calc"!A0, a formula' : `call ${i}`,
      clientId: i === 3 ? '+evil' : 'client-a',
      tool: 'files.read',
      outcome: i % 2 ? 'ok' : 'error',
      ip: '203.0.113.5',
      reason: i === 5 ? 'two\nlines' : null,
      data: { n: i, text: 'quote " and, comma\nnewline' },
    });
  }
  await insertAuditEvent(db, other.id, { type: 'tool.invoked', summary: 'other org' });
});

function get(path: string, token: string | null) {
  return new Request(`http://hub.test/api/v1/audit-events${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

type Item = Record<string, unknown> & { id: string; summary: string };

describe('GET /api/v1/audit-events', () => {
  it('lists newest first in pages, snake_case, with the raw data', async () => {
    const seen: Item[] = [];
    let cursor: string | null = null;
    do {
      const response: Response = await list.GET(
        get(`?type=tool.invoked&limit=3${cursor ? `&cursor=${cursor}` : ''}`, tokens.auditor),
        noParams,
      );
      expect(response.status).toBe(200);
      const body = (await response.json()) as { items: Item[]; next_cursor: string | null };
      seen.push(...body.items);
      cursor = body.next_cursor;
    } while (cursor);
    expect(seen.map((e) => e.summary)).toEqual([
      'call 6',
      'call 5',
      'call 4',
      '=cmd|" /C calc"!A0, a formula',
      'call 2',
      'call 1',
      'call 0',
    ]);
    expect(seen[0]).toMatchObject({
      occurred_at: '2026-06-01T12:00:06.000Z',
      type: 'tool.invoked',
      client_id: 'client-a',
      tool: 'files.read',
      outcome: 'error',
      ip: '203.0.113.5',
      actor: null,
      data: { n: 6, text: 'quote " and, comma\nnewline' },
    });
    expect(Object.keys(seen[0]!)).toEqual(
      expect.arrayContaining(['id', 'recorded_at', 'source_id', 'issuer', 'sub', 'token_ref']),
    );
  });

  it('applies the filters', async () => {
    const body = (await (
      await list.GET(get('?outcome=error&client_id=%2Bevil', tokens.admin), noParams)
    ).json()) as { items: Item[] };
    // client_id resolves through the agents table; these events name no agent the hub knows.
    expect(body.items).toEqual([]);
    const q = (await (
      await list.GET(get('?q=formula&outcome=ok', tokens.admin), noParams)
    ).json()) as {
      items: Item[];
    };
    expect(q.items.map((e) => e.summary)).toEqual(['=cmd|" /C calc"!A0, a formula']);
  });

  it('answers 401 without valid credentials and 403 to a source key', async () => {
    expect((await list.GET(get('', null), noParams)).status).toBe(401);
    expect(
      (await list.GET(get('', 'hub_not-a-real-token-not-a-real-token-00'), noParams)).status,
    ).toBe(401);
    expect((await list.GET(get('', tokens.sourceKey), noParams)).status).toBe(403);
    expect((await exporter.GET(get('/export', null), noParams)).status).toBe(401);
    expect((await exporter.GET(get('/export', tokens.sourceKey), noParams)).status).toBe(403);
  });

  it('never lists another org', async () => {
    const body = (await (
      await list.GET(get('?type=tool.invoked', tokens.otherAdmin), noParams)
    ).json()) as {
      items: Item[];
    };
    expect(body.items.map((e) => e.summary)).toEqual(['other org']);
  });

  it('numbers each org’s events 1, 2, 3…, so ids say nothing of another org’s volume', async () => {
    const db = database().db;
    // Both orgs wrote while the other did (tokens, a source, the events above).
    for (const token of [tokens.admin, tokens.otherAdmin]) {
      const body = (await (await list.GET(get('?limit=200', token), noParams)).json()) as {
        items: Item[];
      };
      const ids = body.items.map((e) => Number(e.id)).sort((x, y) => x - y);
      expect(ids.length).toBeGreaterThan(1);
      expect(ids).toEqual(ids.map((_, i) => i + 1));
    }
    // Event 1 of each org is that org's own.
    const [mine, theirs] = await Promise.all([
      getAuditRow(db, orgId, '1'),
      getAuditRow(db, otherOrgId, '1'),
    ]);
    expect(mine?.id).toBe('1');
    expect(theirs?.id).toBe('1');
    expect(mine?.summary).not.toBe(theirs?.summary);
    expect(await getAuditRow(db, orgId, '100000')).toBeNull();
  });

  it.each<[string, string]>([
    ['?after=yesterday', '/after'],
    ['?after=2026-06-02T00:00:00Z&before=2026-06-01T00:00:00Z', '/after'],
    ['?before=2026-06-01', '/before'],
    ['?source_id=nope', '/source_id'],
    ['?limit=0', '/limit'],
    ['?limit=many', '/limit'],
    ['?cursor=not-a-cursor', '/cursor'],
    [`?q=${'x'.repeat(201)}`, '/q'],
    ['?type=a%20b', '/type'],
  ])('answers 422 naming the parameter for %s', async (query, path) => {
    for (const call of [list.GET, exporter.GET]) {
      const url = call === exporter.GET ? `/export${query}` : query;
      // The export takes neither a cursor nor a limit.
      if (call === exporter.GET && (path === '/cursor' || path === '/limit')) continue;
      const response = await call(get(url, tokens.admin), noParams);
      expect(response.status).toBe(422);
      const body = (await response.json()) as { errors: { path: string }[] };
      expect(body.errors.map((e) => e.path)).toContain(path);
    }
  });

  it('answers 422 for an unknown export format', async () => {
    const response = await exporter.GET(get('/export?format=xlsx', tokens.admin), noParams);
    expect(response.status).toBe(422);
    expect(((await response.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe(
      '/format',
    );
  });
});

/** RFC 4180 records of a CSV text. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      record.push(cell);
      cell = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  return records;
}

describe('GET /api/v1/audit-events/export', () => {
  it('streams CSV with a header row, quoting and formula protection, as an attachment', async () => {
    const response = await exporter.GET(
      get('/export?format=csv&type=tool.invoked', tokens.auditor),
      noParams,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="audit-events-\d{8}T\d{6}Z\.csv"$/,
    );
    const records = parseCsv(await response.text());
    expect(records[0]).toEqual([...csvColumns]);
    expect(records).toHaveLength(8);
    const byColumn = (r: string[], c: (typeof csvColumns)[number]) => r[csvColumns.indexOf(c)];
    const evil = records.find((r) => byColumn(r, 'client_id') === "'+evil")!;
    expect(byColumn(evil, 'summary')).toBe(`'=cmd|" /C calc"!A0, a formula`);
    const twoLines = records.find((r) => byColumn(r, 'reason') === 'two\nlines')!;
    expect(JSON.parse(byColumn(twoLines, 'data')!)).toEqual({
      n: 5,
      text: 'quote " and, comma\nnewline',
    });
  });

  it('streams NDJSON equal to the list, and records who exported what', async () => {
    const response = await exporter.GET(
      get('/export?format=ndjson&outcome=ok&type=tool.invoked', tokens.auditor),
      noParams,
    );
    expect(response.headers.get('content-type')).toBe('application/x-ndjson');
    const text = await response.text();
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Item);
    const listed = (await (
      await list.GET(get('?outcome=ok&type=tool.invoked', tokens.auditor), noParams)
    ).json()) as { items: Item[] };
    expect(lines).toEqual(listed.items);
    expect(lines).toHaveLength(3);

    const recorded = await listAuditTrail(
      database().db,
      orgId,
      { types: ['audit.exported'], outcomes: [] },
      { limit: 1, withData: true },
    );
    expect(recorded.items[0]).toMatchObject({
      actorType: 'admin',
      actorLabel: 'API token reader',
      summary:
        'API token reader exported the audit trail as NDJSON (filter: type=tool.invoked, outcome=ok)',
    });
    expect(JSON.parse(recorded.items[0]!.data!)).toEqual({
      format: 'ndjson',
      filter: { type: 'tool.invoked', outcome: 'ok' },
    });
  });

  it('gives the same bytes in batches of any size', async () => {
    const filter = { types: ['tool.invoked'], outcomes: [] };
    const read = (batchRows: number, format: 'csv' | 'ndjson') =>
      new Response(auditExportStream(database().db, orgId, filter, format, { batchRows })).text();
    for (const format of ['csv', 'ndjson'] as const) {
      const whole = await read(5_000, format);
      expect(whole.split(format === 'csv' ? '\r\n' : '\n').filter(Boolean).length).toBe(
        format === 'csv' ? 8 : 7,
      );
      // 7 rows: batches of 1, 2 (the last one short) and 7 (then an empty one)
      for (const batchRows of [1, 2, 7]) expect(await read(batchRows, format)).toBe(whole);
    }
  });

  it('exports only a header when the filter names an unknown agent', async () => {
    const response = await exporter.GET(get('/export?client_id=nobody', tokens.admin), noParams);
    expect(await response.text()).toBe(`${csvColumns.join(',')}\r\n`);
  });
});
