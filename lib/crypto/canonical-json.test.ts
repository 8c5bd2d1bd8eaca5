import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null, 'x'], c: 1.5 } })).toBe(
      '{"a":{"c":1.5,"d":[true,null,"x"]},"b":1}',
    );
  });

  it('spells the same value the same way whatever the key order it came in', () => {
    expect(canonicalJson(JSON.parse('{"z":"é","a":[{"y":1,"x":2}]}'))).toBe(
      canonicalJson(JSON.parse('{"a":[{"x":2,"y":1}],"z":"é"}')),
    );
  });

  it('leaves out undefined members and writes a Date as its ISO time', () => {
    expect(
      canonicalJson({ b: undefined, a: new Date('2026-12-03T10:00:00Z'), c: [undefined] }),
    ).toBe('{"a":"2026-12-03T10:00:00.000Z","c":[null]}');
  });
});
