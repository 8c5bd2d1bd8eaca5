import type { Rng } from '../../../lib/demo/rng';
import { signWebhook, type RawRequest } from './http';
import {
  foreignNameEvents,
  futureTimeEvents,
  wrongKindEvents,
  type FuzzSource,
} from './impersonation';
import { breakEnvelope, breakData, validEvents, type Event } from './mutate-events';

export type { FuzzSource } from './impersonation';

/**
 * A request built to be refused; `recordedFor` when the hub must count its refusal for a source,
 * `status` when only that status is right.
 */
export type FuzzCase = {
  family: string;
  request: RawRequest;
  recordedFor: string | null;
  status?: number;
};

const SINGLE = 'application/cloudevents+json';
const BATCH = 'application/cloudevents-batch+json';

type Parts = {
  source: FuzzSource;
  pathId: string;
  body: Buffer;
  contentType: string | null;
  id: string;
  timestamp: string;
  /** the signature header; computed from the other parts when absent */
  signature?: string;
  drop?: 'webhook-id' | 'webhook-timestamp' | 'webhook-signature';
  extraHeaders?: Record<string, string>;
  chunked?: boolean;
};

function build(family: string, parts: Parts, recorded: boolean): FuzzCase {
  const headers: Record<string, string> = {
    'webhook-id': parts.id,
    'webhook-timestamp': parts.timestamp,
    'webhook-signature':
      parts.signature ?? signWebhook(parts.source.secret, parts.id, parts.timestamp, parts.body),
    ...parts.extraHeaders,
  };
  if (parts.contentType !== null) headers['content-type'] = parts.contentType;
  if (parts.drop) delete headers[parts.drop];
  return {
    family,
    request: {
      method: 'POST',
      path: `/api/v1/sources/${parts.pathId}/events`,
      headers,
      body: parts.body,
      chunked: parts.chunked,
    },
    recordedFor: recorded ? parts.source.id : null,
  };
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const nowSeconds = () => String(Math.floor(Date.now() / 1000));

/**
 * Every mutator turns a valid, signed request into one the spec says must be refused (4xx, and
 * nothing stored). Each returns the case; `rng` picks among its variants.
 */
const mutators: Record<string, (rng: Rng, base: Parts) => FuzzCase> = {
  'signature missing': (rng, base) =>
    build(
      'signature missing',
      {
        ...base,
        drop: rng.pick(['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const),
      },
      true,
    ),
  'signature wrong': (rng, base) => {
    const good = signWebhook(base.source.secret, base.id, base.timestamp, base.body);
    const variants = [
      signWebhook(
        `whsec_${Buffer.from('not the secret').toString('base64')}`,
        base.id,
        base.timestamp,
        base.body,
      ),
      good.slice(0, -6) + 'AAAAA=',
      good.replace('v1,', 'v2,'),
      good.replace('v1,', 'v1a,'),
      'v1,',
      'v1,!!!not-base64!!!',
      `v1,${'A'.repeat(8000)}`,
      Array.from({ length: 200 }, (_, i) => `v1,${Buffer.from(`sig${i}`).toString('base64')}`).join(
        ' ',
      ),
      good.replace('v1,', ''),
      ` ${good.toLowerCase()} `,
      'v1,\u00ff\u00fe\u00e9',
    ];
    return build('signature wrong', { ...base, signature: rng.pick(variants) }, true);
  },
  'signed for another body': (rng, base) => {
    const other = json(validEvents(rng, 1)[0]);
    return build(
      'signed for another body',
      { ...base, signature: signWebhook(base.source.secret, base.id, base.timestamp, other) },
      true,
    );
  },
  'replayed too late': (rng, base) => {
    // Planned before the run and sent minutes later on a busy machine: a timestamp just ahead of
    // the 5-minute window would drift into it, so "ahead" is far ahead.
    const age = rng.pick([301, 600, 3600, 86_400 * 3, -1800, -86_400]);
    return build(
      'replayed too late',
      { ...base, timestamp: String(Math.floor(Date.now() / 1000) - age) },
      true,
    );
  },
  'timestamp not a number': (rng, base) => {
    const ts = rng.pick([
      '',
      'now',
      '1e9',
      '-1',
      '0',
      '17000000000000000000000',
      '12.5',
      ' ',
      '0x10',
      'NaN',
      'Infinity',
    ]);
    return build('timestamp not a number', { ...base, timestamp: ts }, true);
  },
  'unknown source': (rng, base) => {
    const ids = [
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-4fff-bfff-ffffffffffff',
      'not-a-uuid',
      '%20',
      'null',
      'undefined',
      `${base.source.id}x`,
      base.source.id.slice(0, -1),
      "'%20or%201%3D1--",
      '%E2%80%AE' + base.source.id.slice(3),
      'a'.repeat(3000),
      '%C3%A9%F0%9F%98%80',
      '..%2F..%2Fhealth',
      '%FF%FE',
    ];
    return build('unknown source', { ...base, pathId: rng.pick(ids) }, false);
  },
  'wrong content type': (rng, base) => {
    const type = rng.pick([
      null,
      'text/plain',
      'application/xml',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
      'application/cloudevents',
      'json',
      'application/jsonx',
      '*/*',
      'application/cloudevents+json\u00e9',
    ]);
    return build('wrong content type', { ...base, contentType: type }, true);
  },
  'not json': (rng, base) => {
    const text = base.body.toString();
    const bodies = [
      Buffer.alloc(0),
      Buffer.from(text.slice(0, Math.max(1, rng.int(1, text.length - 1)))),
      Buffer.from('{"specversion":"1.0",}'),
      Buffer.from("{'single':'quotes'}"),
      Buffer.from('NaN'),
      Buffer.concat([
        Buffer.from('{"specversion":"1.0"'),
        Buffer.from([0xff, 0xfe, 0x00]),
        Buffer.from('}'),
      ]),
      Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d, 0xc3]),
      Buffer.from('\u0000'),
      Buffer.from(text + text),
    ];
    return build('not json', { ...base, body: rng.pick(bodies) }, true);
  },
  'not an event': (rng, base) => {
    const bodies = [
      'null',
      '"event"',
      '42',
      'true',
      '{}',
      '[1,2,3]',
      '[null]',
      '{"__proto__":{"specversion":"1.0"}}',
      '[[]]',
    ];
    const body = rng.pick(bodies);
    const type = body.startsWith('[') ? rng.pick([BATCH, 'application/json']) : SINGLE;
    return build('not an event', { ...base, body: Buffer.from(body), contentType: type }, true);
  },
  'batch under the wrong type': (rng, base) =>
    build(
      'batch under the wrong type',
      { ...base, body: json(validEvents(rng, 2)), contentType: SINGLE },
      true,
    ),
  'single under the batch type': (rng, base) =>
    build(
      'single under the batch type',
      { ...base, body: json(validEvents(rng, 1)[0]), contentType: BATCH },
      true,
    ),
  'nested too deep': (rng, base) => {
    const depth = rng.pick([33, 100, 5000, 100_000]);
    const outer = rng.chance(0.5);
    const body = outer
      ? '['.repeat(depth) + ']'.repeat(depth)
      : JSON.stringify({ ...validEvents(rng, 1)[0], data: 'X' }).replace(
          '"data":"X"',
          `"data":{"client_id":"a","x":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`,
        );
    return build(
      'nested too deep',
      { ...base, body: Buffer.from(body), contentType: outer ? BATCH : SINGLE },
      true,
    );
  },
  'too many events': (rng, base) => {
    const tiny = { specversion: '1.0', id: 'x', source: 's', type: 't', time: 'x', data: {} };
    const body = json(Array.from({ length: 1001 + rng.int(0, 50) }, () => tiny));
    return build('too many events', { ...base, body, contentType: BATCH }, true);
  },
  'over 1 MiB': (rng, base) => {
    const event = {
      ...validEvents(rng, 1)[0],
      padding: 'p'.repeat(1024 * 1024 + rng.int(1, 4096)),
    };
    return build('over 1 MiB', { ...base, body: json(event), chunked: rng.chance(0.5) }, true);
  },
  'declared over 1 MiB': (rng, base) =>
    build(
      'declared over 1 MiB',
      {
        ...base,
        extraHeaders: { 'content-length': String(rng.pick([1024 * 1024 + 1, 2 ** 31, 2 ** 53])) },
      },
      true,
    ),
  'envelope broken': (rng, base) => {
    const events = validEvents(rng, rng.int(1, 3));
    const at = rng.int(0, events.length - 1);
    events[at] = breakEnvelope(rng, events[at]!);
    const asBatch = events.length > 1 || rng.chance(0.3);
    return build(
      'envelope broken',
      { ...base, body: json(asBatch ? events : events[0]), contentType: asBatch ? BATCH : SINGLE },
      true,
    );
  },
  'data broken': (rng, base) => {
    const events = validEvents(rng, rng.int(1, 3));
    const at = rng.int(0, events.length - 1);
    events[at] = breakData(rng, events[at]!);
    const asBatch = events.length > 1 || rng.chance(0.3);
    return build(
      'data broken',
      { ...base, body: json(asBatch ? events : events[0]), contentType: asBatch ? BATCH : SINGLE },
      true,
    );
  },
};

/** Signed, well-formed events that the source may not say: 422, and nothing written. */
const impersonation = (family: string, events: (rng: Rng, source: FuzzSource) => Event[]) =>
  function (rng: Rng, base: Parts): FuzzCase {
    const list = events(rng, base.source);
    const asBatch = list.length > 1;
    const body = json(asBatch ? list : list[0]);
    return {
      ...build(family, { ...base, body, contentType: asBatch ? BATCH : SINGLE }, true),
      status: 422,
    };
  };
Object.assign(mutators, {
  'from the wrong kind of source': impersonation('from the wrong kind of source', wrongKindEvents),
  'for another issuer or resource': impersonation(
    'for another issuer or resource',
    foreignNameEvents,
  ),
  'time far ahead': impersonation('time far ahead', futureTimeEvents),
});

/** Headers that change nothing, mixed into some cases so the refusals do not depend on them. */
const noise: Record<string, string>[] = [
  { 'x-forwarded-for': '10.0.0.1, 203.0.113.9' },
  { 'x-hub-client-ip': '1.2.3.4' },
  { 'x-hub-path': '/api/v1/sources' },
  { 'user-agent': '\u00e9'.repeat(2000) },
  { 'webhook-signature-extra': 'v1,abc' },
  { cookie: 'authjs.session-token=garbage' },
  { 'accept-encoding': 'gzip, br, zstd' },
  { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' },
];

/** `count` refused requests for the ingestion endpoint, the same for one seed. */
export function ingestionCases(rng: Rng, sources: FuzzSource[], count: number): FuzzCase[] {
  const names = Object.keys(mutators);
  const cases: FuzzCase[] = [];
  for (let i = 0; i < count; i++) {
    const source = rng.pick(sources);
    const events = validEvents(rng, rng.int(1, 3));
    const asBatch = events.length > 1;
    const base: Parts = {
      source,
      pathId: source.id,
      body: json(asBatch ? events : events[0]),
      contentType: asBatch
        ? BATCH
        : rng.pick([SINGLE, 'application/json', `${SINGLE}; charset=utf-8`]),
      id: `msg_fuzz_${i}`,
      timestamp: nowSeconds(),
      extraHeaders: rng.chance(0.2) ? rng.pick(noise) : undefined,
    };
    // The big ones are few: enough to show the limits hold, not so many that the run is slow.
    let name = rng.pick(names);
    if ((name === 'over 1 MiB' || name === 'nested too deep') && !rng.chance(0.15))
      name = 'data broken';
    cases.push(mutators[name]!(rng, base));
  }
  return cases;
}
