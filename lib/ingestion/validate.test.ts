import { describe, expect, it } from 'vitest';
import { senderOf } from '@/lib/testing/events';
import { MAX_REPORTED_ERRORS, validateEvents, type EventError } from './validate';

const base = {
  specversion: '1.0',
  id: 'evt-1',
  source: 'https://as.acme.example',
  type: 'client.deleted',
  time: '2026-03-01T12:00:00Z',
  data: { client_id: 'abc' },
};

const check = (items: unknown[]) => validateEvents(items, senderOf(items));

function errorsOf(items: unknown[]): EventError[] {
  const result = check(items);
  if (result.ok) throw new Error('expected the events to be refused');
  return result.errors;
}

/** The one error expected for an event, by JSON Pointer and message. */
function expectError(event: unknown, path: string, message: string | RegExp) {
  const errors = errorsOf([event]);
  expect(errors).toContainEqual({
    index: 0,
    path,
    message: typeof message === 'string' ? message : expect.stringMatching(message),
  });
}

const without = (key: string) =>
  Object.fromEntries(Object.entries(base).filter(([k]) => k !== key));

describe('validateEvents: envelope', () => {
  it('accepts a valid event and normalizes it', () => {
    const result = check([{ ...base, subject: 'abc', extension: 'kept' }]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [event] = result.events;
    expect(event).toMatchObject({
      id: 'evt-1',
      type: 'client.deleted',
      subject: 'abc',
      understood: true,
      data: { client_id: 'abc' },
    });
    expect(event!.time.toISOString()).toBe('2026-03-01T12:00:00.000Z');
    expect(event!.raw).toMatchObject({ extension: 'kept' });
  });

  it.each(['specversion', 'id', 'source', 'type', 'time', 'data'])('requires %s', (key) => {
    expectError(without(key), `/${key}`, 'is required');
  });

  it.each([
    ['specversion', '0.3', '/specversion', 'must be "1.0"'],
    ['specversion', 1, '/specversion', 'must be "1.0"'],
    ['id', '', '/id', 'must not be empty'],
    ['id', 'x'.repeat(201), '/id', 'must be at most 200 characters'],
    ['id', 42, '/id', 'must be a string'],
    ['source', '', '/source', 'must not be empty'],
    ['source', 'x'.repeat(2049), '/source', 'must be at most 2048 characters'],
    ['type', ['client.deleted'], '/type', 'must be a string'],
    ['time', '2026-03-01T12:00:00', '/time', /RFC 3339/],
    ['time', '2026-03-01 12:00:00Z', '/time', /RFC 3339/],
    ['time', '2026-02-30T12:00:00Z', '/time', /RFC 3339/],
    ['time', '1969-12-31T23:59:59Z', '/time', /RFC 3339/],
    ['time', 1767225600, '/time', 'must be a string'],
    ['subject', 7, '/subject', 'must be a string'],
    ['data', [1, 2], '/data', 'must be a JSON object'],
    ['data', 'text', '/data', 'must be a JSON object'],
  ])('refuses %s = %j', (key, value, path, message) => {
    expectError({ ...base, [key]: value }, path, message);
  });

  it('counts id characters as code points', () => {
    expect(check([{ ...base, id: '😀'.repeat(200) }]).ok).toBe(true);
    expectError({ ...base, id: '😀'.repeat(201) }, '/id', 'must be at most 200 characters');
  });

  it('accepts RFC 3339 offsets and fractions', () => {
    const result = check([
      { ...base, id: 'a', time: '2026-03-01T14:00:00.123456+02:00' },
      { ...base, id: 'b', time: '2026-03-01t12:00:00z' },
    ]);
    expect(result.ok && result.events.map((e) => e.time.toISOString())).toEqual([
      '2026-03-01T12:00:00.123Z',
      '2026-03-01T12:00:00.000Z',
    ]);
  });

  it('refuses an item that is not an object', () => {
    expect(errorsOf([42, null, 'x'])).toEqual(
      [0, 1, 2].map((index) => ({
        index,
        path: '',
        message: 'must be a JSON object (a CloudEvent)',
      })),
    );
  });

  it('refuses strings PostgreSQL cannot store, wherever they are', () => {
    expectError({ ...base, data: { client_id: 'a\u0000b' } }, '/data/client_id', /NUL/);
    expectError({ ...base, data: { client_id: 'a', extra: ['\ud800'] } }, '/data/extra/0', /NUL/);
    expectError({ ...base, ['x\u0000']: 1 }, '/x\u0000', /NUL/);
  });

  it('accepts unknown types with any object data, marked not understood', () => {
    const result = check([{ ...base, type: 'com.example.custom', data: { any: [1] } }]);
    expect(result.ok && result.events[0]).toMatchObject({
      understood: false,
      data: { any: [1] },
    });
  });

  it('still requires object data of unknown types', () => {
    expectError({ ...base, type: 'com.example.custom', data: 3 }, '/data', 'must be a JSON object');
  });

  it('reports every error of every event, each with its index and pointer', () => {
    const errors = errorsOf([
      base,
      { ...base, id: '', time: 'yesterday' },
      { ...base, type: 'consent.granted', data: { client_id: 'a', sub: 5, scopes: 'read' } },
    ]);
    expect(errors).toEqual([
      { index: 1, path: '/id', message: 'must not be empty' },
      { index: 1, path: '/time', message: expect.stringMatching(/RFC 3339/) },
      { index: 2, path: '/data/sub', message: 'must be a string' },
      { index: 2, path: '/data/scopes', message: 'must be an array' },
    ]);
  });

  it('caps the number of errors reported', () => {
    const many = Array.from({ length: 300 }, (_, i) => ({ ...base, id: `e${i}`, time: 'x' }));
    expect(errorsOf(many)).toHaveLength(MAX_REPORTED_ERRORS);
  });

  it('escapes JSON Pointer segments', () => {
    const event = {
      ...base,
      type: 'resource.updated',
      data: { resource: 'https://r', name: 'R', scope_descriptions: { 'a/b~c': 5 } },
    };
    expectError(event, '/data/scope_descriptions/a~1b~0c', 'must be a string');
  });
});
