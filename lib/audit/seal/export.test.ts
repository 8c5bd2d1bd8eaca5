import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { insertAuditEvent } from '../record';
import { createTestOrg, setupTestDatabase } from '@/lib/testing/fixtures';
import { sealedExportStream } from './export';
import { generatedSigningKey, registerSigningKey } from './keys';
import { sealPass } from './sealer';

const database = setupTestDatabase();
const verifier = path.join(import.meta.dirname, 'verify-export.mjs');

/** Runs the offline verifier the README documents, as a user would: exit code and last line. */
async function verifyOffline(text: string, keyId?: string): Promise<{ ok: boolean; out: string }> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'sealed-')), 'export.ndjson');
  writeFileSync(file, text);
  try {
    const { stdout } = await promisify(execFile)('node', [
      verifier,
      file,
      ...(keyId ? [keyId] : []),
    ]);
    return { ok: true, out: stdout };
  } catch (err) {
    return { ok: false, out: (err as { stdout: string }).stdout };
  }
}

/** An org's export, its 22 events sealed in passes among another org's; `firstFormat` passes seal as version 1. */
async function exported(firstFormat = 0): Promise<{ text: string; keyId: string }> {
  const { db } = database();
  const key = await generatedSigningKey();
  await registerSigningKey(db, key);
  const org = await createTestOrg(db);
  const other = await createTestOrg(db);
  for (let i = 0; i < 30; i++) {
    await insertAuditEvent(db, i % 4 === 0 ? other.id : org.id, {
      type: 'tool.invoked',
      summary: `event ${i} “quoted” <b>`,
      data: { i, deep: { z: [i, { y: 'é' }], a: true } },
    });
    if (i % 9 === 8) await sealPass(db, key, { version: i < firstFormat ? 1 : 2 });
  }
  await sealPass(db, key);
  const text = await new Response(sealedExportStream(db, org.id)).text();
  return { text, keyId: key.keyId };
}

describe('sealed export', () => {
  it('proves itself offline with the documented script', async () => {
    const { text, keyId } = await exported();
    const lines = text.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('{"checkpoint"'))).toHaveLength(4);
    const result = await verifyOffline(text, keyId);
    expect(result.out).toContain('OK: 22 events proven by 4 signed checkpoints');
    expect(result.ok).toBe(true);
  });

  const tamperings: [string, (lines: string[]) => string[]][] = [
    ['a changed event', (l) => l.map((x) => x.replace('event 5 ', 'event 555 '))],
    ['a deleted event', (l) => l.filter((x) => !x.includes('event 5 '))],
    ['an inserted event', (l) => [...l.slice(0, 3), l[2]!, ...l.slice(3)]],
    ['two events swapped', (l) => [l[0]!, l[1]!, l[3]!, l[2]!, ...l.slice(4)]],
    ['a checkpoint dropped', (l) => l.filter((x) => !x.includes('"seq":2,'))],
    ['an event renumbered', (l) => l.map((x) => x.replace('"id":"5",', '"id":"50",'))],
    ['a forged count', (l) => l.map((x) => x.replace('"event_count":7', '"event_count":6'))],
  ];

  it.each(tamperings)('fails on %s', async (_name, tamper) => {
    const { text, keyId } = await exported();
    const changed = tamper(text.trim().split('\n')).join('\n');
    expect(changed).not.toBe(text.trim());
    expect((await verifyOffline(changed, keyId)).ok).toBe(false);
  });

  it('names events by the org’s own numbers and checkpoints by no range shared with other orgs', async () => {
    const { text } = await exported();
    const items = text
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => JSON.parse(l) as { checkpoint?: Record<string, unknown>; id?: string });
    const ids = items.flatMap((x) => (x.id ? [Number(x.id)] : []));
    expect(ids).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    const checkpoints = items.flatMap((x) => (x.checkpoint ? [x.checkpoint] : []));
    expect(checkpoints.map((c) => c.v)).toEqual([2, 2, 2, 2]);
    for (const c of checkpoints) expect(Object.keys(c)).not.toContain('from_event_id');
  });

  it('still proves itself with version 1 checkpoints before version 2 ones', async () => {
    const { text, keyId } = await exported(10);
    expect(text).toContain('"v":1,');
    expect(text).toContain('"v":2,');
    const result = await verifyOffline(text, keyId);
    expect(result.out).toContain('OK: 22 events proven by 4 signed checkpoints');
    const changed = text.replace('event 5 ', 'event 555 ');
    expect(changed).not.toBe(text);
    expect((await verifyOffline(changed, keyId)).ok).toBe(false);
  });

  it('fails when the signing key is not the one trusted', async () => {
    const { text } = await exported();
    const stranger = await generatedSigningKey();
    const result = await verifyOffline(text, stranger.keyId);
    expect(result.ok).toBe(false);
    expect(result.out).toContain('signature does not verify');
  });

  it('reads a real file the way the README shows', async () => {
    const { text } = await exported();
    expect(readFileSync(verifier, 'utf8')).toContain('node verify-export.mjs export.ndjson');
    expect((await verifyOffline(text)).ok).toBe(true);
  });
});
