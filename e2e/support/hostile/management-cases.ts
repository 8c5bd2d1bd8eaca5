import type { Rng } from '../../../lib/demo/rng';
import type { RawRequest } from './http';
import { badAuth, templates, unknownIds, unknownSeqs } from './management-templates';

/** Ids and credentials of what exists in the fuzzed hub. */
export type ManagementContext = {
  adminToken: string;
  sourceKey: string;
  ids: { source: string; agent: string; consent: string; token: string; server: string };
};

/** `status`: the one right answer, where the family decides it. */
export type ManagementCase = { family: string; request: RawRequest; status?: number };

/**
 * Webhook URLs a hub without HUB_ALLOW_PRIVATE_TARGETS must refuse when saved (lib/outbound):
 * loopback, private, link-local and CGNAT networks in every spelling, special-purpose ranges that
 * carry one, metadata services, local names, credentials and other schemes.
 */
const refusedTargets = [
  'http://127.0.0.1:3000/hook',
  'http://127.1/hook',
  'http://2130706433/hook',
  'http://0x7f.0.0.1/hook',
  'http://localhost/hook',
  'http://app.localhost/hook',
  'http://[::1]/hook',
  'http://[::ffff:127.0.0.1]/hook',
  'http://[::ffff:7f00:1]/hook',
  'http://0.0.0.0/hook',
  'http://[::]/hook',
  'https://10.0.0.1/hook',
  'https://172.16.0.1/hook',
  'https://192.168.0.1/hook',
  'https://100.64.0.1/hook',
  'https://169.254.1.1/hook',
  'https://[fc00::1]/hook',
  'https://[fd12:3456::1]/hook',
  'https://[fe80::1]/hook',
  'https://[2002:7f00:1::]/hook',
  'https://[64:ff9b::a00:1]/hook',
  'https://224.0.0.1/hook',
  'https://198.51.100.7/hook',
  'http://169.254.169.254/latest/meta-data/',
  'http://[fd00:ec2::254]/latest/meta-data/',
  'http://100.100.100.200/latest/meta-data/',
  'http://metadata.google.internal/computeMetadata/v1/',
  'http://router/hook',
  'http://db.internal/hook',
  'https://user:pass@hooks.fuzz.example/hook',
  'gopher://hooks.fuzz.example/',
  'file:///etc/passwd',
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
  const required = keys.filter((k) => !['scopes', 'family', 'grace_period_seconds'].includes(k));
  if (pick === 3 && required.length > 0) {
    const key = rng.pick(required);
    return {
      family: 'field missing',
      body: enc(Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key))),
    };
  }
  if (pick === 4) {
    const key = rng.pick(keys);
    return {
      family: 'type confusion',
      // a number where one belongs is no confusion: a numeric field gets a string instead
      body: enc({
        ...valid,
        [key]: rng.pick([
          typeof valid[key] === 'number' ? '42' : 42,
          null,
          { $ne: null },
          [[[]]],
          -1e308,
        ]),
      }),
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
    if (t.method === 'POST' && t.path === '/api/v1/sources')
      breakers.push('refused webhook target');
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
    } else if (family === 'refused webhook target') {
      const revocation_webhook_url = rng.pick(refusedTargets);
      body = Buffer.from(JSON.stringify({ ...t.body, revocation_webhook_url }));
      cases.push({ family, request: { method: t.method, path, headers, body }, status: 422 });
      continue;
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
