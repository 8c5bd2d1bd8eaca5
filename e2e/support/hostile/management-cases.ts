import type { Rng } from '../../../lib/demo/rng';
import type { RawRequest } from './http';

/** Ids and credentials of what exists in the fuzzed hub. */
export type ManagementContext = {
  adminToken: string;
  sourceKey: string;
  ids: { source: string; agent: string; consent: string; token: string; server: string };
};

export type ManagementCase = { family: string; request: RawRequest };

type Template = {
  method: 'GET' | 'POST';
  /** path with `{id}` where the hub's own id goes */
  path: string;
  id?: keyof ManagementContext['ids'] | 'seq';
  /** a valid body (POST) */
  body?: Record<string, unknown>;
  /** query parameters that are each refused with 422 (GET lists) */
  badQuery?: string[];
  /** whether a source API key may call it (then it is no refusal to use one) */
  sourceKeyAllowed?: boolean;
};

const badLimit = [
  'limit=0',
  'limit=-1',
  'limit=501',
  'limit=1.5',
  'limit=abc',
  'limit=',
  'limit=Infinity',
  'limit=9'.padEnd(400, '9'),
];
const cursor = (values: unknown) =>
  `cursor=${Buffer.from(JSON.stringify(values)).toString('base64url')}`;
const badCursor = [
  'cursor=garbage',
  'cursor=W10',
  `cursor=${'A'.repeat(2001)}`,
  'cursor=%00',
  cursor({ __proto__: 1 }),
  cursor([{ a: 1 }, 2]),
  // the right length, values of the wrong kind
  ...[1, 2, 3, 4].map((n) => cursor(Array(n).fill('not-a-uuid'))),
  ...[1, 2, 3, 4].map((n) => cursor(Array(n).fill(-1))),
  ...[2, 3].map((n) => cursor(Array(n).fill(null))),
  cursor(['2024-13-99T99:99:99Z', 'not-a-uuid']),
  cursor([1e300, '00000000-0000-0000-0000-00000000000g']),
];
const badSeq = [
  'after=-1',
  'after=1.5',
  'after=abc',
  'after=01',
  'after=9999999999999999999',
  'after=18446744073709551616',
  'after=%E0%A5%A7',
];

const templates: Template[] = [
  { method: 'POST', path: '/api/v1/sources', body: { name: 'Fuzz gateway', kind: 'gateway' } },
  { method: 'POST', path: '/api/v1/sources/{id}/rotate-secret', id: 'source' },
  {
    method: 'POST',
    path: '/api/v1/agents/{id}/verification',
    id: 'agent',
    body: { status: 'suspended', reason: 'fuzz' },
  },
  {
    method: 'POST',
    path: '/api/v1/consents/{id}/revoke',
    id: 'consent',
    body: { reason: 'fuzz', scopes: ['notes:read'] },
  },
  {
    method: 'POST',
    path: '/api/v1/tokens/{id}/revoke',
    id: 'token',
    body: { reason: 'fuzz', family: true },
  },
  {
    method: 'POST',
    path: '/api/v1/subjects/revoke',
    body: { issuer: 'https://as.fuzz.example', sub: 'user-1', reason: 'fuzz' },
  },
  {
    method: 'POST',
    path: '/api/v1/revocations/check',
    body: { token_ref: 'jti-1' },
    sourceKeyAllowed: true,
  },
  {
    method: 'GET',
    path: '/api/v1/agents',
    badQuery: [
      ...badLimit,
      ...badCursor,
      'status=%D1%95uspended',
      'status=SUSPENDED',
      'status=',
      'q='.padEnd(300, 'q'),
      'issuer=',
      'client_id=%20',
    ],
  },
  {
    method: 'GET',
    path: '/api/v1/consents',
    badQuery: [
      ...badLimit,
      ...badCursor,
      'active=yes',
      'active=1',
      'active=TRUE',
      'sub=',
      'client_id=',
    ],
  },
  {
    method: 'GET',
    path: '/api/v1/tokens',
    badQuery: [...badLimit, ...badCursor, 'active=no', 'active=', 'sub='],
  },
  {
    method: 'GET',
    path: '/api/v1/audit-events',
    badQuery: [
      ...badLimit,
      ...badCursor,
      'after=yesterday',
      'before=2024-13-01',
      'after=2025-01-02T00:00:00Z&before=2025-01-01T00:00:00Z',
      'q='.padEnd(300, 'q'),
    ],
  },
  {
    method: 'GET',
    path: '/api/v1/audit-events/export',
    badQuery: ['format=xml', 'format=CSV', 'format=', 'after=nope', 'format=csv%00'],
  },
  {
    method: 'GET',
    path: '/api/v1/revocations',
    badQuery: [...badSeq, 'limit=1001', 'limit=0', 'limit=x'],
    sourceKeyAllowed: true,
  },
  {
    method: 'GET',
    path: '/api/v1/agents/status',
    badQuery: ['issuer=', 'client_id=x', 'issuer=x', `issuer=x&client_id=${'c'.repeat(2049)}`],
    sourceKeyAllowed: true,
  },
  { method: 'GET', path: '/api/v1/sources/{id}', id: 'source' },
  { method: 'GET', path: '/api/v1/agents/{id}', id: 'agent' },
  { method: 'GET', path: '/api/v1/consents/{id}', id: 'consent' },
  { method: 'GET', path: '/api/v1/tokens/{id}', id: 'token' },
  { method: 'GET', path: '/api/v1/mcp-servers/{id}', id: 'server' },
  { method: 'GET', path: '/api/v1/revocations/{id}/deliveries', id: 'seq' },
];

const unknownIds = [
  '00000000-0000-0000-0000-000000000000',
  'a0a0a0a0-b1b1-4c2c-8d3d-e4e4e4e4e4e4',
  'not-a-uuid',
  'null',
  '%20',
  "1'%20OR%20'1'%3D'1",
  '%E2%80%AE00000000-0000-0000-0000-000000000000',
  '%EF%BC%90'.repeat(36),
  'x'.repeat(5000),
  '%00',
  '%FF%FE%FD',
  '__proto__',
  'constructor',
];
const unknownSeqs = [
  '-1',
  'abc',
  '1.5',
  '9999999999999999999',
  '99999999999999999999',
  '0x10',
  '%E0%A5%A7',
  '__proto__',
  '424242424242',
];

const badAuth = (token: string) => [
  null,
  'Bearer',
  'Bearer ',
  `Bearer ${token}x`,
  `Bearer ${token.slice(0, -1)}`,
  `Bearer hub_${'0'.repeat(48)}`,
  `Basic ${Buffer.from(`admin:${token}`).toString('base64')}`,
  `Token ${token}`,
  `Bearer ${token} ${token}`,
  `Bearer ${'\u00e9'.repeat(64)}`,
  `Bearer hub_${'A'.repeat(16_000)}`,
  `Bearer hubsrc_${'0'.repeat(40)}`,
  `Bearer ${token}\u00a0`,
];

const proto = (value: unknown) => {
  const out: Record<string, unknown> = {};
  Object.defineProperty(out, '__proto__', { value, enumerable: true, writable: true });
  return out;
};

/** Bodies that break `valid` for any of the POST calls above (422), beside the transport ones. */
function brokenBody(rng: Rng, valid: Record<string, unknown>): { body: Buffer; family: string } {
  const keys = Object.keys(valid);
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v));
  const pick = rng.int(0, 9);
  if (pick === 0)
    return {
      family: 'body not json',
      body: Buffer.from(
        rng.pick(['', '{', '{"reason":}', "{'a':1}", 'undefined', '{"a":1}{"b":2}', '\u0000']),
      ),
    };
  if (pick === 1)
    return {
      family: 'body not an object',
      body: enc(rng.pick([null, 42, 'text', [valid], true, []])),
    };
  if (pick === 2)
    return {
      family: 'prototype keys',
      body: enc(
        rng.pick([
          proto(valid),
          { constructor: { prototype: valid } },
          proto({ isAdmin: true, role: 'owner' }),
        ]),
      ),
    };
  if (pick === 3) {
    const key = rng.pick(keys.filter((k) => k !== 'scopes' && k !== 'family'));
    return {
      family: 'field missing',
      body: enc(Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key))),
    };
  }
  if (pick === 4) {
    const key = rng.pick(keys);
    return {
      family: 'type confusion',
      body: enc({ ...valid, [key]: rng.pick([42, null, { $ne: null }, [[[]]], -1e308]) }),
    };
  }
  if (pick === 5) {
    const strings = keys.filter((k) => typeof valid[k] === 'string' && k !== 'name');
    const key = rng.pick(strings.length ? strings : keys);
    const value = rng.pick(['', 'x'.repeat(5000)]);
    return { family: 'empty or long string', body: enc({ ...valid, [key]: value }) };
  }
  if (pick === 6) {
    // an enum value that only looks right: homoglyphs, zero-width and direction marks
    if ('kind' in valid)
      return {
        family: 'unicode enum',
        body: enc({
          ...valid,
          kind: rng.pick([
            'g\u0430teway',
            'gateway\u200b',
            '\u202egateway',
            'GATEWAY',
            'ｇａｔｅｗａｙ',
          ]),
        }),
      };
    if ('status' in valid)
      return {
        family: 'unicode enum',
        body: enc({
          ...valid,
          status: rng.pick(['\u0455uspended', 'suspended\u200d', 'Suspended', 'blocked\u0000']),
        }),
      };
    return {
      family: 'type confusion',
      body: enc({ ...valid, [rng.pick(keys)]: { nested: valid } }),
    };
  }
  if (pick === 7) {
    // invalid UTF-8 where the value must match exactly (it decodes to U+FFFD)
    const json = JSON.stringify({ ...valid, [rng.pick(keys)]: '@@' });
    const [head, tail] = json.split('"@@"') as [string, string];
    return {
      family: 'invalid utf-8',
      body: Buffer.concat([
        Buffer.from(`${head}[1,"`),
        Buffer.from([0xc3, 0x28, 0xff]),
        Buffer.from(`"]${tail}`),
      ]),
    };
  }
  if (pick === 8) {
    const depth = rng.pick([64, 1000, 50_000]);
    return {
      family: 'deep nesting',
      body: Buffer.from(`{"${keys[0]}":${'['.repeat(depth)}${']'.repeat(depth)}}`),
    };
  }
  const size = rng.pick([256 * 1024, 2 * 1024 * 1024]);
  return { family: 'huge body', body: enc({ ...valid, [keys[0]!]: 7, padding: 'p'.repeat(size) }) };
}

/** `count` refused management API calls, the same for one seed. */
export function managementCases(rng: Rng, ctx: ManagementContext, count: number): ManagementCase[] {
  const auth = { authorization: `Bearer ${ctx.adminToken}` };
  const cases: ManagementCase[] = [];
  for (let i = 0; i < count; i++) {
    const t = rng.pick(templates);
    const id = t.id === 'seq' ? '1' : t.id ? ctx.ids[t.id] : '';
    let path = t.path.replace('{id}', id);
    let headers: Record<string, string> = { ...auth };
    let body: Buffer | undefined = t.body ? Buffer.from(JSON.stringify(t.body)) : undefined;
    if (body) headers['content-type'] = 'application/json';
    const breakers = ['auth'];
    if (!t.sourceKeyAllowed) breakers.push('source key');
    if (t.id) breakers.push('unknown id', 'unknown id');
    if (t.body) breakers.push('body', 'body', 'body', 'content type');
    if (t.badQuery) breakers.push('query', 'query');
    if (t.method === 'POST' || t.id) breakers.push('method');
    let family = rng.pick(breakers);
    if (family === 'auth') {
      const value = rng.pick(badAuth(ctx.adminToken));
      headers = { ...headers, authorization: value ?? '' };
      if (value === null) delete headers.authorization;
      if (rng.chance(0.3))
        headers.cookie = rng.pick([
          'authjs.session-token=forged',
          '__Secure-authjs.session-token.0=eyJhbGciOiJub25lIn0.e30.',
          'authjs.session-token=' + 'x'.repeat(4000),
        ]);
    } else if (family === 'source key') {
      headers.authorization = `Bearer ${ctx.sourceKey}`;
    } else if (family === 'unknown id') {
      path = t.path.replace('{id}', rng.pick(t.id === 'seq' ? unknownSeqs : unknownIds));
    } else if (family === 'content type') {
      const type = rng.pick([
        null,
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=z',
        'application/jsonp',
        'text/json',
        'json',
      ]);
      if (type === null) delete headers['content-type'];
      else headers['content-type'] = type;
    } else if (family === 'body') {
      const broken = brokenBody(rng, t.body!);
      family = broken.family;
      body = broken.body;
    } else if (family === 'query') {
      path += `?${rng.pick(t.badQuery!)}`;
    } else {
      family = 'method';
      // methods this path does not serve; HEAD and OPTIONS answer without a body, so not those
      const method = rng.pick(
        ['PUT', 'PATCH', 'DELETE'].concat(
          t.method === 'POST' && t.path !== '/api/v1/sources' ? ['GET'] : [],
        ),
      );
      cases.push({ family, request: { method, path, headers, body } });
      continue;
    }
    cases.push({ family, request: { method: t.method, path, headers, body } });
  }
  return cases;
}
