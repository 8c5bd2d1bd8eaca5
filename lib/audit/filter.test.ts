import { describe, expect, it } from 'vitest';
import { auditFilterToParams, auditListQuery, readAuditFilter, toAuditFilter } from './filter';

const errorsOf = (input: Record<string, string>) => {
  const parsed = auditListQuery.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('/')}: ${i.message}`);
};

describe('auditListQuery', () => {
  it('takes every filter, a cursor and a limit', () => {
    const parsed = auditListQuery.parse({
      after: '2026-11-22T14:05:00Z',
      before: '2026-11-23t00:00:00.123456+02:00',
      type: 'tool.denied,token.rejected',
      source_id: '7d3c0a8e-4c1b-4d7e-9f5a-0b1c2d3e4f50',
      client_id: 'https://app.example/client.json',
      sub: 'alice',
      resource: 'https://mcp.example',
      tool: 'files.read',
      outcome: 'denied',
      ip: '2001:db8::1',
      q: 'alice',
      limit: '10',
    });
    expect(parsed.limit).toBe(10);
    const filter = toAuditFilter(parsed);
    expect(filter.types).toEqual(['tool.denied', 'token.rejected']);
    expect(filter.before).toBe('2026-11-23T00:00:00.123456+02:00');
    expect(auditListQuery.parse(auditFilterToParams(filter))).toMatchObject({
      type: 'tool.denied,token.rejected',
      ip: '2001:db8::1',
    });
  });

  it.each<[Record<string, string>, string]>([
    [{ after: 'yesterday' }, 'after: must be an RFC 3339 date-time'],
    [{ after: '2026-11-22' }, 'after: must be an RFC 3339 date-time'],
    [{ before: '2026-13-01T00:00:00Z' }, 'before: must be an RFC 3339 date-time'],
    [{ after: '2026-11-22T00:00:00Z', before: '2026-11-21T00:00:00Z' }, 'after: must not be later'],
    [{ source_id: 'abc' }, 'source_id: must be the id of a source'],
    [{ type: 'tool.denied,<script>' }, 'type: must be one event type'],
    [{ client_id: '' }, 'client_id: must not be empty'],
    [{ q: 'x'.repeat(201) }, 'q: must be at most 200'],
    [{ limit: '0' }, 'limit: limit must be at least 1'],
    [{ limit: '501' }, 'limit: limit must be at most 500'],
  ])('refuses %j', (input, message) => {
    expect(errorsOf(input).join('\n')).toContain(message);
  });
});

describe('readAuditFilter', () => {
  it('keeps the valid parameters of a hand-edited link and names the others', () => {
    const { filter, problems } = readAuditFilter({
      type: 'tool.denied',
      after: 'soon',
      ip: ['203.0.113.5', 'ignored'],
      unrelated: 'x',
    });
    expect(filter).toMatchObject({ types: ['tool.denied'], ip: '203.0.113.5' });
    expect(filter.after).toBeUndefined();
    expect(problems).toEqual([{ param: 'after', message: expect.stringContaining('RFC 3339') }]);
  });
});
