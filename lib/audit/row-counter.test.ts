import { describe, expect, it } from 'vitest';
import { createRowCounter } from './row-counter';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('createRowCounter', () => {
  it('counts CSV records, not the header nor line breaks inside quoted cells', () => {
    const text = 'id,reason\r\n1,"two\r\nlines"\r\n2,"say ""hi"""\r\n3,plain\r\n';
    for (const size of [1, 2, 5, text.length]) {
      const counter = createRowCounter('csv');
      const all = bytes(text);
      for (let i = 0; i < all.length; i += size) counter.push(all.subarray(i, i + size));
      expect(counter.rows).toBe(3);
    }
  });

  it('counts NDJSON lines', () => {
    const counter = createRowCounter('ndjson');
    counter.push(bytes('{"a":"x\\ny"}\n{"b'));
    counter.push(bytes('":1}\n'));
    expect(counter.rows).toBe(2);
  });

  it('gives 0 for a CSV with only its header', () => {
    const counter = createRowCounter('csv');
    counter.push(bytes('id,type\r\n'));
    expect(counter.rows).toBe(0);
  });
});
