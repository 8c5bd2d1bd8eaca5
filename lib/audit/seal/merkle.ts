import { createHash } from 'node:crypto';

/**
 * The Merkle tree hash of RFC 6962 (Certificate Transparency), §2.1: leaves hashed with a 0x00
 * prefix, inner nodes with 0x01, the left subtree always the largest power of two. Built leaf by
 * leaf with one stack of perfect subtrees, so a checkpoint of millions of events needs no array of
 * them. Hashes are lowercase hex.
 */

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

export function leafHash(content: string): Buffer {
  return createHash('sha256').update(LEAF).update(content, 'utf8').digest();
}

function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256').update(NODE).update(left).update(right).digest();
}

/** SHA-256 of nothing: the root of an empty tree. */
export const EMPTY_ROOT = createHash('sha256').digest('hex');

export class MerkleBuilder {
  private stack: { hash: Buffer; size: number }[] = [];
  count = 0;

  add(leaf: Buffer): void {
    let top = { hash: leaf, size: 1 };
    while (this.stack.at(-1)?.size === top.size) {
      const left = this.stack.pop()!;
      top = { hash: nodeHash(left.hash, top.hash), size: left.size * 2 };
    }
    this.stack.push(top);
    this.count++;
  }

  /** The root over every leaf added so far, in the order added. */
  root(): string {
    const [last, ...rest] = [...this.stack].reverse();
    if (!last) return EMPTY_ROOT;
    return rest.reduce((acc, left) => nodeHash(left.hash, acc), last.hash).toString('hex');
  }
}

/** The root of `leaves` by the recursive definition of RFC 6962, to check the builder against. */
export function merkleRootOf(leaves: Buffer[]): string {
  const mth = (items: Buffer[]): Buffer => {
    if (items.length === 1) return items[0]!;
    let k = 1;
    while (k * 2 < items.length) k *= 2;
    return nodeHash(mth(items.slice(0, k)), mth(items.slice(k)));
  };
  return leaves.length === 0 ? EMPTY_ROOT : mth(leaves).toString('hex');
}
