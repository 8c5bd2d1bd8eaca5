import { demoCatalog, finalScopes, liveGrants, registrationOf, serverOf, toolOf } from './catalog';
import {
  authorize,
  botToken,
  callTools,
  EventLog,
  finalize,
  MINUTE,
  refresh,
  type CallContext,
  type DemoEvent,
  type Session,
} from './events';
import type { Rng } from './rng';

/** What the live trickle remembers between ticks: the sessions it opened, so it can refresh them. */
export type TrickleState = {
  nonce: string;
  tick: number;
  log: EventLog;
  sessions: Map<string, Session>;
  botTokens: Map<string, { ref: string; expires: number }>;
};

/** `startedAt` makes token references and event ids unique across restarts of the hub. */
export function newTrickleState(startedAt: Date): TrickleState {
  const nonce = startedAt.getTime().toString(36);
  return {
    nonce,
    tick: 0,
    log: new EventLog(`acme-demo-live|${nonce}`),
    sessions: new Map(),
    botTokens: new Map(),
  };
}

const OFFICE_IP = '198.51.100.40';

function humanActivity(log: EventLog, rng: Rng, at: number, state: TrickleState) {
  const grant = rng.pick(liveGrants());
  const { agent, registration } = registrationOf(grant.registration);
  const server = serverOf(grant.server);
  const ctx: CallContext = {
    clientId: registration.clientId,
    sub: grant.sub,
    server,
    scopes: finalScopes(grant),
    consentId: grant.consentId,
    userAgent: agent.userAgent,
    ip: grant.odd ? '203.0.113.151' : OFFICE_IP,
  };
  let session = state.sessions.get(grant.consentId);
  if (!session) session = authorize(log, at, ctx);
  else if (at + 45 * MINUTE >= session.accessExpires) session = refresh(log, at, ctx, session);
  state.sessions.set(grant.consentId, session);
  // Live agents call what their consent covers; the suspicious one keeps trying the rest.
  const tools = (agent.uses[grant.server] ?? [])
    .map((name) => toolOf(server, name))
    .filter((t) => agent.suspicious || t.required_scopes.every((s) => ctx.scopes.includes(s)));
  callTools(log, rng, at + 200, ctx, session.accessRef, tools, rng.int(1, 3), {
    tryDenied: 1,
    gap: [100, 900],
  });
}

function botActivity(log: EventLog, rng: Rng, at: number, state: TrickleState) {
  const agent = rng.pick(demoCatalog.agents.filter((a) => a.bot));
  const bot = agent.bot!;
  const server = serverOf(bot.server);
  const ctx: CallContext = {
    clientId: agent.registrations[0]!.clientId,
    server,
    scopes: bot.scopes,
    userAgent: agent.userAgent,
    ip: '192.0.2.10',
  };
  let token = state.botTokens.get(agent.key);
  if (!token || token.expires <= at + MINUTE) {
    token = { ref: botToken(log, at, ctx), expires: at + 15 * MINUTE };
    state.botTokens.set(agent.key, token);
  }
  const tools = (agent.uses[bot.server] ?? []).map((name) => toolOf(server, name));
  callTools(log, rng, at + 200, ctx, token.ref, tools, rng.int(1, 4), { gap: [100, 900] });
}

function denial(log: EventLog, rng: Rng, at: number) {
  const pdf = registrationOf('pdf-helper');
  const subs = demoCatalog.people.map((p) => p.sub);
  log.fromAs(at, 'authorization.denied', {
    client_id: pdf.registration.clientId,
    sub: rng.pick(subs),
    error: 'access_denied',
    scopes: ['drive:read', 'drive:write', 'drive:share', 'tracker:admin'],
    resource: serverOf('drive').resource,
    reason: 'The user declined the consent screen',
    ip: '203.0.113.151',
    user_agent: pdf.agent.userAgent,
  });
}

/**
 * A few live events stamped around `now` (never after it): mostly tool calls of agents with live
 * consents, now and then a token refresh or a bot run, rarely a denial. Ids are fresh each tick.
 */
export function trickleEvents(now: Date, rng: Rng, state: TrickleState): DemoEvent[] {
  const log = state.log;
  log.drafts.length = 0;
  const at = now.getTime() - 5_000;
  const roll = rng.next();
  if (roll < 0.06) denial(log, rng, at);
  else if (roll < 0.18) botActivity(log, rng, at, state);
  else humanActivity(log, rng, at, state);
  const tick = ++state.tick;
  return finalize(log.drafts, `demo-live-${state.nonce}-${tick}-`, -Infinity, now.getTime());
}
