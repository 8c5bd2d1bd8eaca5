import { describe, expect, it } from 'vitest';
import { createTestOrg, setupTestDatabase } from '@/lib/testing/fixtures';
import type { IngestSource } from './batch';
import { ingestEvents } from './ingest';
import { AS_ISSUER, cloudEvent, createTestSource, validated } from '@/lib/testing/events';
import {
  CLAUDE,
  granted,
  invoked,
  issued,
  registered,
  setup as setupOrg,
} from '@/lib/testing/builders';
import { derivedSnapshot } from '@/lib/testing/ingestion-snapshot';
import { stateOf } from '@/lib/testing/state';
import type { ValidatedEvent } from './validate';

const database = setupTestDatabase();
const setup = () => setupOrg(database().db);

describe('ingestEvents: idempotency and atomicity', () => {
  it('answers a repeated batch as duplicates and changes nothing', async () => {
    const { db, org, as, mcp, send } = await setup();
    const events = validated([registered(1), granted(2, ['a']), issued(3, 't1')], as);
    const calls = validated([invoked(4, { token_ref: 't1' })], mcp);
    expect(await ingestEvents(db, as, events)).toEqual({ accepted: 3, duplicates: 0 });
    expect(await ingestEvents(db, mcp, calls)).toEqual({ accepted: 1, duplicates: 0 });
    const before = await derivedSnapshot(db, org.id);
    expect(await ingestEvents(db, as, events)).toEqual({ accepted: 0, duplicates: 3 });
    expect(await ingestEvents(db, mcp, calls)).toEqual({ accepted: 0, duplicates: 1 });
    expect(await derivedSnapshot(db, org.id)).toEqual(before);
    expect(await stateOf(db, org.id).source(as.id)).toMatchObject({
      acceptedCount: 3,
      duplicateCount: 3,
    });
    await send(invoked(9));
  });

  it('counts a repeated id within one batch as a duplicate', async () => {
    const { db, mcp, state } = await setup();
    const [first] = validated([invoked(1, { scopes: ['a'] })], mcp);
    const second: ValidatedEvent = { ...first!, time: new Date(Date.UTC(2026, 0, 2)) };
    expect(await ingestEvents(db, mcp, [first!, second])).toEqual({ accepted: 1, duplicates: 1 });
    expect((await state.toolUsage())[0]!.okCount).toBe(1);
    expect(await state.audit()).toHaveLength(1);
  });

  it('writes nothing when any event of the batch fails', async () => {
    const { db, org, as, state } = await setup();
    const events = validated([registered(1), granted(2, ['a']), issued(3, 't1')], as);
    // Validation refuses NUL characters; bypassing it shows a database error undoes the batch.
    const poisoned = { ...events[2]!, data: { ...events[2]!.data, token_ref: 'bad\u0000ref' } };
    await expect(ingestEvents(db, as, [events[0]!, events[1]!, poisoned])).rejects.toThrow();
    expect(await state.agents()).toEqual([]);
    expect(await state.consents()).toEqual([]);
    expect(await state.audit()).toEqual([]);
    expect(await state.ingested()).toEqual([]);
    expect(await state.source(as.id)).toMatchObject({ acceptedCount: 0, duplicateCount: 0 });
    expect(await ingestEvents(db, as, events)).toEqual({ accepted: 3, duplicates: 0 });
    expect((await derivedSnapshot(db, org.id)).audit).toHaveLength(3);
  });

  it('refuses a source that is not in the org, writing nothing', async () => {
    const { db, org, state } = await setup();
    const other = await createTestOrg(db);
    const stray: IngestSource = { ...(await createTestSource(db, other.id)), orgId: org.id };
    await expect(ingestEvents(db, stray, validated([registered(1)], stray))).rejects.toThrow(
      /does not exist/,
    );
    expect(await state.agents()).toEqual([]);
  });
});

describe('ingestEvents: concurrency', () => {
  it('serializes concurrent batches of one org, so neither misses the other', async () => {
    // Two sources and no shared agent: nothing but the org's ingestion lock orders the batches.
    const { db, org, as, state } = await setup();
    const other = await createTestSource(db, org.id);
    const rounds = Array.from({ length: 20 }, (_, i) => i);
    await Promise.all(
      rounds.flatMap((i) => [
        ingestEvents(db, as, validated([issued(10, `tok-${i}`, { family_id: `fam-${i}` })], as)),
        ingestEvents(
          db,
          other,
          validated(
            [cloudEvent('token.revoked', { token_ref: `old-${i}`, family_id: `fam-${i}` }, 5)],
            other,
          ),
        ),
      ]),
    );
    const issuedTokens = (await state.tokens()).filter((t) => t.tokenRef.startsWith('tok-'));
    expect(issuedTokens).toHaveLength(rounds.length);
    expect(issuedTokens.filter((t) => t.revokedBy !== 'family').map((t) => t.tokenRef)).toEqual([]);
  });
});

describe('ingestEvents: orgs and issuers', () => {
  it('keeps orgs apart, even for the same event ids', async () => {
    const a = await setup();
    const b = await setup();
    const raw = [registered(1), granted(2, ['a'])];
    await a.send(...raw);
    await b.send(...raw);
    expect(await a.state.agents()).toHaveLength(1);
    expect(await b.state.agents()).toHaveLength(1);
    expect((await a.state.agents())[0]!.id).not.toBe((await b.state.agents())[0]!.id);
    await a.send(cloudEvent('client.deleted', { client_id: CLAUDE }, 3));
    expect((await b.state.agent(CLAUDE))!.deletedAt).toBeNull();
    expect((await b.state.consents())[0]!.status).toBe('active');
  });

  it("resolves an MCP server's client to the org's one authorization server, else to unknown", async () => {
    const { db, org, mcp, send, state } = await setup();
    await send(invoked(1));
    expect((await state.agent(CLAUDE))!.issuer).toBe(AS_ISSUER);
    const lone = await createTestOrg(db);
    const loneMcp = await createTestSource(db, lone.id, 'mcp_server');
    await ingestEvents(db, loneMcp, validated([invoked(1)], loneMcp));
    expect((await stateOf(db, lone.id).agent(CLAUDE))!.issuer).toBe('unknown');
    await ingestEvents(
      db,
      mcp,
      validated([invoked(2, { issuer: 'https://other-as.example' })], mcp),
    );
    expect((await stateOf(db, org.id).agents()).map((a) => a.issuer).sort()).toEqual([
      AS_ISSUER,
      'https://other-as.example',
    ]);
  });
});
