import { describe, expect, it } from 'vitest';
import type { AuditRow } from '@/db/queries/audit-trail';
import { csvCell, csvColumns, csvHeader, csvLine, ndjsonLine } from './export-format';

const row: AuditRow = {
  id: '42',
  occurredAt: '2026-11-22T14:05:00.123456Z',
  recordedAt: '2026-11-22T14:05:01.000000Z',
  type: 'tool.invoked',
  sourceId: null,
  actorType: 'agent',
  actorId: 'a1',
  actorLabel: null,
  issuer: 'https://as.example',
  clientId: '=HYPERLINK("http://evil.example")',
  sub: 'alice',
  resource: 'https://mcp.example',
  tool: '@SUM(A1)',
  tokenRef: null,
  outcome: 'ok',
  ip: '203.0.113.5',
  userAgent: 'curl/8, "quoted"',
  reason: 'line one\nline two',
  summary: '-2+3 looks like a formula',
  data: '{"a": "b\\nc", "n": 1}',
};

describe('csvCell', () => {
  it.each<[string | null, string]>([
    [null, ''],
    ['', ''],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rinside', '"cr\rinside"'],
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['\tTAB', "'\tTAB"],
    ['\rCR', `"'\rCR"`],
    ['=A1,"x"', `"'=A1,""x"""`],
    ['a=b', 'a=b'],
  ])('%j → %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe('csvLine', () => {
  it('writes every column in the header order, RFC 4180 quoted, with formula protection', () => {
    expect(csvHeader).toBe(`${csvColumns.join(',')}\r\n`);
    const line = csvLine(row);
    expect(line.endsWith('\r\n')).toBe(true);
    expect(line).toBe(
      [
        '42',
        '2026-11-22T14:05:00.123Z',
        '2026-11-22T14:05:01.000Z',
        'tool.invoked',
        '',
        'agent',
        'a1',
        '',
        'https://as.example',
        `"'=HYPERLINK(""http://evil.example"")"`,
        'alice',
        'https://mcp.example',
        "'@SUM(A1)",
        '',
        'ok',
        '203.0.113.5',
        '"curl/8, ""quoted"""',
        '"line one\nline two"',
        "'-2+3 looks like a formula",
        '"{""a"": ""b\\nc"", ""n"": 1}"',
      ].join(',') + '\r\n',
    );
  });
});

describe('ndjsonLine', () => {
  it('is one line of JSON with the API fields and the raw data', () => {
    const line = ndjsonLine(row);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({
      id: '42',
      occurred_at: '2026-11-22T14:05:00.123Z',
      recorded_at: '2026-11-22T14:05:01.000Z',
      type: 'tool.invoked',
      source_id: null,
      actor: { type: 'agent', id: 'a1', label: null },
      issuer: 'https://as.example',
      client_id: '=HYPERLINK("http://evil.example")',
      sub: 'alice',
      resource: 'https://mcp.example',
      tool: '@SUM(A1)',
      token_ref: null,
      outcome: 'ok',
      ip: '203.0.113.5',
      user_agent: 'curl/8, "quoted"',
      reason: 'line one\nline two',
      summary: '-2+3 looks like a formula',
      data: { a: 'b\nc', n: 1 },
    });
  });

  it('gives an event without an actor a null actor', () => {
    const line = ndjsonLine({ ...row, actorType: null, actorId: null, data: undefined });
    expect(JSON.parse(line)).toMatchObject({ actor: null, data: {} });
  });
});
