import { describe, expect, it } from 'vitest';
import { MAX_EVENTS_PER_REQUEST } from '@/lib/ingestion/limits';
import { validateEvents } from '@/lib/ingestion/validate';
import { demoSourceSpecs } from './run-demo';
import { demoPersonas, DEMO_ISSUER } from './personas';
import {
  createRng,
  demoCatalog,
  HISTORY_DAYS,
  historyEvents,
  newTrickleState,
  trickleEvents,
  type DemoEvent,
} from './scenario';

const now = new Date('2026-03-18T09:30:00.000Z');
const history = historyEvents(now);
const DAY = 86_400_000;

const AS_TYPES = new Set([
  'client.registered',
  'client.updated',
  'client.deleted',
  'consent.granted',
  'consent.revoked',
  'authorization.denied',
  'token.issued',
  'token.revoked',
  'token.reuse_detected',
]);
const MCP_TYPES = new Set(['token.rejected', 'tool.invoked', 'tool.denied', 'resource.updated']);
const resources = demoCatalog.servers.map((s) => s.resource);

type Data = Record<string, unknown> & {
  client_id?: string;
  sub?: string;
  scopes?: string[];
  consent_id?: string;
  software_id?: string;
  method?: string;
  family_id?: string;
  parent_ref?: string;
  cause?: string;
  resource?: string;
};
const ofType = (type: string, events: DemoEvent[] = history) =>
  events.filter((e) => e.type === type).map((e) => e.data as Data);

/** Valid as the demo sends them: each event through the source that produces it. */
function expectValid(events: DemoEvent[]) {
  const producers = new Set(demoSourceSpecs.map((s) => s.producer));
  expect(events.filter((e) => !producers.has(e.source))).toEqual([]);
  for (const spec of demoSourceSpecs) {
    const sender = {
      kind: spec.kind,
      issuer: spec.issuer ?? null,
      resources: spec.resource ? [spec.resource] : [],
    };
    const own = events.filter((e) => e.source === spec.producer);
    for (let i = 0; i < own.length; i += MAX_EVENTS_PER_REQUEST) {
      const result = validateEvents(own.slice(i, i + MAX_EVENTS_PER_REQUEST), sender);
      expect(result.ok ? [] : result.errors.slice(0, 5)).toEqual([]);
    }
  }
}

describe('the demo history', () => {
  it('is deterministic for one seed, and another seed gives another month', () => {
    expect(historyEvents(now)).toEqual(history);
    const other = historyEvents(now, 7);
    expect(other).not.toEqual(history);
  });

  it('passes the ingestion validation, event by event', () => {
    expectValid(history);
  });

  it('has unique ids, times within the 30 days before now, and a replayable volume', () => {
    expect(new Set(history.map((e) => e.id)).size).toBe(history.length);
    for (const event of history) {
      const at = Date.parse(event.time);
      expect(at).toBeLessThanOrEqual(now.getTime());
      expect(at).toBeGreaterThan(now.getTime() - HISTORY_DAYS * DAY);
    }
    const times = history.map((e) => Date.parse(e.time));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(history.length).toBeGreaterThanOrEqual(3_000);
    expect(history.length).toBeLessThanOrEqual(8_000);
  });

  it('comes from the demo authorization server and MCP servers, each sending its own types', () => {
    for (const event of history) {
      expect(event.specversion).toBe('1.0');
      if (AS_TYPES.has(event.type)) expect(event.source).toBe(DEMO_ISSUER);
      else {
        expect(MCP_TYPES.has(event.type)).toBe(true);
        expect(resources).toContain(event.source);
        expect(event.data.resource).toBe(event.source);
        expect(event.data.issuer).toBe(DEMO_ISSUER);
      }
    }
  });

  it('invents only .example names', () => {
    const urls = JSON.stringify(history).match(/https?:\/\/[^"\s/?)]+/g) ?? [];
    const hosts = new Set(urls.map((u) => new URL(u).hostname));
    for (const host of hosts) {
      expect(host === '127.0.0.1' || host === 'localhost' || host.endsWith('.example')).toBe(true);
    }
  });

  it('tells every storyline of the month', () => {
    const registered = ofType('client.registered');
    expect(registered.some((d) => d.method === 'dcr' && d.client_id?.startsWith('dcr_'))).toBe(
      true,
    );
    expect(registered.some((d) => d.method === 'cimd' && d.client_id?.startsWith('https://'))).toBe(
      true,
    );
    const bySoftware = new Map<string, Set<string>>();
    for (const d of registered) {
      if (!d.software_id) continue;
      bySoftware.set(d.software_id, (bySoftware.get(d.software_id) ?? new Set()).add(d.client_id!));
    }
    expect(Math.max(...[...bySoftware.values()].map((ids) => ids.size))).toBeGreaterThanOrEqual(3);
    expect(ofType('client.updated').length).toBeGreaterThan(0);
    expect(ofType('client.deleted').length).toBeGreaterThan(0);
    expect(ofType('resource.updated').map((d) => d.resource)).toEqual(
      expect.arrayContaining(resources),
    );

    // Step-up: the same consent granted again with more scopes.
    const grants = ofType('consent.granted');
    const widened = grants.some((later, i) =>
      grants
        .slice(0, i)
        .some(
          (earlier) =>
            earlier.consent_id === later.consent_id &&
            later.scopes!.length > earlier.scopes!.length &&
            earlier.scopes!.every((s) => later.scopes!.includes(s)),
        ),
    );
    expect(widened).toBe(true);
    const revoked = ofType('consent.revoked');
    expect(revoked.some((d) => d.scopes)).toBe(true);
    expect(revoked.some((d) => !d.scopes)).toBe(true);

    // Refresh families, one of them caught reusing a rotated refresh token.
    const issued = ofType('token.issued');
    expect(issued.filter((d) => d.parent_ref).length).toBeGreaterThan(100);
    const reuse = ofType('token.reuse_detected');
    expect(reuse).toHaveLength(1);
    expect(issued.some((d) => d.family_id === reuse[0]!.family_id)).toBe(true);

    const rejected = ofType('token.rejected');
    expect(rejected.filter((d) => d.cause === 'wrong_audience')).toHaveLength(1);
    expect(rejected.some((d) => d.cause === 'expired')).toBe(true);
    expect(ofType('tool.denied').some((d) => Array.isArray(d.granted_scopes))).toBe(true);
    expect(ofType('authorization.denied').length).toBeGreaterThan(10);
    expect(ofType('tool.invoked').length).toBeGreaterThan(1_000);
  });

  it('gives each sign-in persona several consents to look at', () => {
    const grants = ofType('consent.granted');
    for (const persona of demoPersonas) {
      const consents = new Set(
        grants.filter((d) => d.sub === persona.sub).map((d) => d.consent_id),
      );
      expect(consents.size, persona.name).toBeGreaterThanOrEqual(3);
    }
  });

  it('uses tokens only after they were issued and before they expire', () => {
    const tokens = new Map<string, number>();
    for (const event of history) {
      const data = event.data as Data & { token_ref?: string; expires_at?: string };
      if (event.type === 'token.issued') tokens.set(data.token_ref!, Date.parse(data.expires_at!));
      if (event.type === 'tool.invoked') {
        const expires = tokens.get(data.token_ref!);
        expect(expires, event.id).toBeDefined();
        expect(expires!).toBeGreaterThanOrEqual(Date.parse(event.time));
      }
    }
  });
});

describe('the live trickle', () => {
  it('sends a few valid events stamped now, with ids that never repeat', () => {
    const rng = createRng(42);
    const state = newTrickleState(now);
    const seen = new Set<string>();
    let at = now.getTime();
    const all: DemoEvent[] = [];
    for (let tick = 0; tick < 200; tick++, at += 8_000) {
      const events = trickleEvents(new Date(at), rng, state);
      expect(events.length).toBeGreaterThan(0);
      expect(events.length).toBeLessThan(10);
      for (const event of events) {
        expect(seen.has(event.id)).toBe(false);
        seen.add(event.id);
        expect(Date.parse(event.time)).toBeLessThanOrEqual(at);
        expect(Date.parse(event.time)).toBeGreaterThan(at - 10_000);
      }
      all.push(...events);
    }
    expectValid(all);
    expect(ofType('tool.invoked', all).length).toBeGreaterThan(100);
    // Sessions are refreshed with rotation as the trickle runs for longer than a token lives.
    expect(ofType('token.issued', all).some((d) => d.parent_ref)).toBe(true);
    // A restarted hub starts a new state: its ids differ from the first run's.
    const restarted = trickleEvents(now, createRng(42), newTrickleState(new Date(at)));
    expect(restarted.some((e) => seen.has(e.id))).toBe(false);
  });
});
