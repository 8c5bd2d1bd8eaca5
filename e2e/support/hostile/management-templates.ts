import type { ManagementContext } from './management-cases';

/** The management API's calls, each with a valid request and what breaks it. */
export type Template = {
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

export const templates: Template[] = [
  { method: 'POST', path: '/api/v1/sources', body: { name: 'Fuzz gateway', kind: 'gateway' } },
  { method: 'POST', path: '/api/v1/sources/{id}/rotate-secret', id: 'source' },
  {
    method: 'POST',
    path: '/api/v1/sources/{id}/rotate-api-key',
    id: 'source',
    body: { grace_period_seconds: 60 },
  },
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

export const unknownIds = [
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
export const unknownSeqs = [
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

export const badAuth = (token: string) => [
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
