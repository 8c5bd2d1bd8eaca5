import { describe, expect, it } from 'vitest';
import { EMPTY_ROOT, leafHash, MerkleBuilder, merkleRootOf } from './merkle';

describe('MerkleBuilder', () => {
  it('gives the RFC 6962 root for every size, built leaf by leaf', () => {
    const leaves = Array.from({ length: 70 }, (_, i) => leafHash(`leaf ${i}`));
    for (let n = 0; n <= leaves.length; n++) {
      const builder = new MerkleBuilder();
      leaves.slice(0, n).forEach((leaf) => builder.add(leaf));
      expect(builder.root(), `size ${n}`).toBe(merkleRootOf(leaves.slice(0, n)));
    }
    expect(new MerkleBuilder().root()).toBe(EMPTY_ROOT);
  });

  it('depends on the order of the leaves', () => {
    const [a, b, c] = ['a', 'b', 'c'].map((s) => leafHash(s)) as [Buffer, Buffer, Buffer];
    expect(merkleRootOf([a, b, c])).not.toBe(merkleRootOf([b, a, c]));
  });
});
