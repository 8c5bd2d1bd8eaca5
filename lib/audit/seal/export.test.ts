import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { insertAuditEvent } from '@/db/queries/audit';
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

async function exported(): Promise<{ text: string; keyId: string }> {
  const { db } = database();
  const key = await generatedSigningKey();
  await registerSigningKey(db, key);
  const org = await createTestOrg(db);
  const other = await createTestOrg(db);
  for (let i = 0; i < 30; i++) {
    await insertAuditEvent(db, i % 4 === 0 ? other.id : org.id, {
      type: 'test.event',
      summary: `event ${i} “quoted” <b>`,
      data: { i, deep: { z: [i, { y: 'é' }], a: true } },
    });
    if (i % 9 === 8) await sealPass(db, key);
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
    ['a forged count', (l) => l.map((x) => x.replace('"event_count":7', '"event_count":6'))],
  ];

  it.each(tamperings)('fails on %s', async (_name, tamper) => {
    const { text, keyId } = await exported();
    const changed = tamper(text.trim().split('\n')).join('\n');
    expect(changed).not.toBe(text.trim());
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
