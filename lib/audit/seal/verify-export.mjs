#!/usr/bin/env node
// Checks a sealed audit export of Agent Identity Hub with nothing but Node.js (no dependency, no
// database, no network):  node verify-export.mjs export.ndjson [key-id]
// With a key id (the thumbprint the hub publishes at /api/v1/audit/keys) only that key is trusted;
// without one, the keys in the file's header are. Prints what it proved; exits 1 on any problem.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

// RFC 8785 canonical JSON: the spelling the hub hashed.
const canon = (v) =>
  Array.isArray(v)
    ? `[${v.map(canon).join(',')}]`
    : v !== null && typeof v === 'object'
      ? `{${Object.keys(v)
          .filter((k) => v[k] !== undefined)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canon(v[k])}`)
          .join(',')}}`
      : JSON.stringify(v);
const sha256 = (...parts) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest();

// RFC 6962 Merkle tree, built leaf by leaf.
class Tree {
  stack = [];
  count = 0;
  add(content) {
    let top = { hash: sha256(Buffer.from([0]), content), size: 1 };
    while (this.stack.at(-1)?.size === top.size) {
      const left = this.stack.pop();
      top = { hash: sha256(Buffer.from([1]), left.hash, top.hash), size: top.size * 2 };
    }
    this.stack.push(top);
    this.count++;
  }
  root() {
    const [last, ...rest] = [...this.stack].reverse();
    if (!last) return sha256().toString('hex');
    return rest
      .reduce((acc, l) => sha256(Buffer.from([1]), l.hash, acc), last.hash)
      .toString('hex');
  }
}

export async function verifySealedExport(lines, trustedKeyId) {
  const problems = [];
  let keys = new Map();
  let group = new Map(); // period_start -> { c, tree }: the checkpoints of one sealing pass
  let range = null; // version 1 checkpoints sign their pass's range of ids; version 2 ones do not
  let afterEvent = true;
  let prev = null;
  let events = 0;
  let checkpoints = 0;
  const close = () => {
    for (const { c, tree } of group.values()) {
      if (tree.count !== c.event_count || tree.root() !== c.merkle_root) {
        problems.push(
          `checkpoint ${c.seq}: ${tree.count} events here, ${c.event_count} sealed, root ${tree.root() === c.merkle_root ? 'matches' : 'differs'}`,
        );
      } else events += tree.count;
    }
    group = new Map();
  };
  for await (const line of lines) {
    if (!line.trim()) continue;
    const item = JSON.parse(line);
    if (item.sealed_audit_export) {
      keys = new Map(
        item.keys.filter((k) => !trustedKeyId || k.kid === trustedKeyId).map((k) => [k.kid, k]),
      );
    } else if (item.checkpoint) {
      const { hash, signature, ...c } = item.checkpoint;
      // A pass's checkpoints come together, before its events, one per month.
      const v1 = c.v === 1 ? { from: c.from_event_id, to: c.to_event_id } : null;
      if (
        afterEvent ||
        group.has(c.period_start) ||
        range?.from !== v1?.from ||
        range?.to !== v1?.to
      ) {
        close();
        range = v1;
      }
      afterEvent = false;
      const payload = canon(c);
      const key = keys.get(c.key_id);
      if (sha256(payload).toString('hex') !== hash) problems.push(`checkpoint ${c.seq}: altered`);
      if (
        !key ||
        !verify(
          null,
          Buffer.from(payload),
          createPublicKey({ key: key, format: 'jwk' }),
          Buffer.from(signature, 'base64url'),
        )
      ) {
        problems.push(`checkpoint ${c.seq}: signature does not verify with a trusted key`);
      }
      if (prev && (c.seq !== prev.seq + 1 || c.previous_hash !== prev.hash)) {
        problems.push(`checkpoint ${c.seq}: does not follow checkpoint ${prev.seq}`);
      }
      prev = { seq: c.seq, hash };
      group.set(c.period_start, { c, tree: new Tree() });
      checkpoints++;
    } else {
      afterEvent = true;
      const month = `${item.recorded_at.slice(0, 7)}-01T00:00:00.000Z`;
      const id = Number(item.id);
      const inRange = !range || (id > range.from && id <= range.to);
      const member = inRange ? group.get(month) : undefined;
      if (member) member.tree.add(canon(item));
      else problems.push(`event ${item.id}: not covered by the checkpoints before it`);
    }
  }
  close();
  return { ok: problems.length === 0 && checkpoints > 0, events, checkpoints, problems };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [file, keyId] = process.argv.slice(2);
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  const result = await verifySealedExport(lines, keyId);
  for (const p of result.problems.slice(0, 50)) console.log(`PROBLEM ${p}`);
  console.log(
    `${result.ok ? 'OK' : 'FAILED'}: ${result.events} events proven by ${result.checkpoints} signed checkpoints`,
  );
  process.exit(result.ok ? 0 : 1);
}
