import type { Rng } from '../../../lib/demo/rng';

export type Event = Record<string, unknown> & { type: string; data: Record<string, unknown> };

const ISSUER = 'https://as.fuzz.example';
const RESOURCE = 'https://mcp.fuzz.example/mcp';

/** Valid events of an authorization server and its MCP server, as lib/demo/events.ts makes them. */
export function validEvents(rng: Rng, count: number): Event[] {
  return Array.from({ length: count }, () => {
    const n = rng.int(1, 1_000_000);
    const clientId = `https://agent${n % 50}.fuzz.example/client.json`;
    const data = rng.pick([
      {
        type: 'client.registered',
        data: {
          client_id: clientId,
          method: 'cimd',
          client_name: `Fuzz agent ${n}`,
          redirect_uris: [`https://agent${n % 50}.fuzz.example/cb`],
          grant_types: ['authorization_code', 'refresh_token'],
          token_endpoint_auth_method: 'none',
        },
      },
      {
        type: 'consent.granted',
        data: { client_id: clientId, sub: `user-${n}`, scopes: ['notes:read'], resource: RESOURCE },
      },
      {
        type: 'token.issued',
        data: {
          token_ref: `jti-${n}`,
          token_type: 'access_token',
          client_id: clientId,
          sub: `user-${n}`,
          scopes: ['notes:read'],
          resource: RESOURCE,
          grant_type: 'authorization_code',
          expires_at: new Date(Date.now() + 3600_000).toISOString(),
        },
      },
      { type: 'token.revoked', data: { token_ref: `jti-${n}`, reason: 'fuzz' } },
      {
        type: 'tool.invoked',
        data: { resource: RESOURCE, tool: 'search', client_id: clientId, outcome: 'ok' },
      },
    ]);
    return {
      specversion: '1.0',
      id: `fuzz-${n}-${rng.int(0, 1e9)}`,
      source: ISSUER,
      time: new Date().toISOString(),
      ...data,
    } as Event;
  });
}

/** An own property named `__proto__` (what JSON.parse makes of such a key). */
function withProtoKey(value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  Object.defineProperty(out, '__proto__', { value, enumerable: true, writable: true });
  return out;
}

const typeConfusions = [42, -0.5, 1e308, true, null, [], {}, ['x'], { $gt: '' }];
const lone = '\ud800';

/** Breaks the CloudEvents envelope of `event` so that the spec refuses it (422). */
export function breakEnvelope(rng: Rng, event: Event): Event {
  const e: Record<string, unknown> = { ...event };
  const attribute = rng.pick(['specversion', 'id', 'source', 'type', 'time', 'data']);
  const how = rng.int(0, 3);
  if (how === 0) {
    delete e[attribute];
  } else if (how === 1) {
    // another JSON type where the spec asks for a string (or an object, for data)
    e[attribute] =
      attribute === 'data'
        ? rng.pick([42, true, null, [], ['x'], 'data'])
        : rng.pick(typeConfusions);
  } else if (how === 2) {
    const wrong: Record<string, unknown[]> = {
      specversion: ['2.0', '1.0 ', '\uff11.0', '1', '1.0\u0000', 'v1.0'],
      id: ['', 'x'.repeat(201), '😀'.repeat(201), `a${lone}b`, 'nul\u0000'],
      source: [`https://x${lone}`, 'https://nul\u0000'],
      type: [`token.issued\u0000`, `x${lone}`, 'a'.repeat(100_000)],
      time: [
        'yesterday',
        '2024-13-45T00:00:00Z',
        '2024-01-01T00:00:00',
        '0001-01-01T00:00:00Z',
        '',
        '1700000000',
        '2024-02-30T25:61:00Z',
      ],
      data: ['{}', 'null', [{}]],
    };
    e[attribute] = rng.pick(wrong[attribute]!);
  } else {
    return rng.pick<Record<string, unknown>>([
      withProtoKey(e),
      { constructor: { prototype: { polluted: true } }, __defineGetter__: 'x' },
      { ...e, subject: rng.pick(typeConfusions.filter((v) => v !== null)) },
      { ...e, extension: `hidden${lone}` },
      { ...e, nested: { deeper: 'nul\u0000' } },
    ]) as Event;
  }
  return e as Event;
}

/** Breaks the `data` of a known type so that its table in the spec refuses it (422). */
export function breakData(rng: Rng, event: Event): Event {
  const data = { ...event.data };
  const required: Record<string, string[]> = {
    'client.registered': [
      'client_id',
      'method',
      'client_name',
      'redirect_uris',
      'grant_types',
      'token_endpoint_auth_method',
    ],
    'consent.granted': ['client_id', 'sub', 'scopes'],
    'token.issued': ['token_ref', 'token_type', 'client_id', 'scopes', 'expires_at', 'grant_type'],
    'token.revoked': ['token_ref'],
    'tool.invoked': ['resource', 'tool', 'client_id', 'outcome'],
  };
  const enums: Record<string, [string, unknown[]]> = {
    'client.registered': ['method', ['magic', 'DCR', 'd\u0441r', 'cimd\u202e', 'cimd\u200b', '']],
    'token.issued': ['token_type', ['bearer', 'Access_Token', 'access_token\u0000', 'id_token']],
    'tool.invoked': ['outcome', ['maybe', 'OK', '\u043ek', 'ok ']],
  };
  const field = rng.pick(required[event.type]!);
  const how = rng.int(0, 4);
  if (how === 0) delete data[field];
  else if (how === 1)
    // a number is a valid expires_at (Unix seconds, lib/ingestion/README.md)
    data[field] = rng.pick([
      field === 'expires_at' ? 'soon' : 42,
      true,
      null,
      { $ne: null },
      [[['deep']]],
    ]);
  else if (how === 2 && enums[event.type]) {
    const [name, values] = enums[event.type]!;
    data[name] = rng.pick(values);
  } else if (how === 3 && 'scopes' in data) {
    data.scopes = rng.pick(['notes:read', [1, 2], [null], ['ok', { a: 1 }], [`bad${lone}`]]);
  } else {
    // a string field carrying what PostgreSQL cannot store, or the whole data as a prototype key
    return rng.chance(0.5)
      ? { ...event, data: { ...data, [field]: `${String(data[field])}\u0000` } }
      : { ...event, data: withProtoKey(data) };
  }
  return { ...event, data };
}
