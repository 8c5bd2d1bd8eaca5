import { demoCatalog, registrationOf, serverOf, toolOf, type DemoGrant } from './catalog';
import {
  authorize,
  callTools,
  DAY,
  EventLog,
  finalize,
  MINUTE,
  refresh,
  type CallContext,
  type DemoEvent,
  type Session,
} from './events';
import {
  CATALOG_UPDATE_DAY,
  clockFor,
  denials,
  HISTORY_DAYS,
  ODD_IP,
  OFFICE_IP,
  personIndex,
  registrations,
  resourceUpdated,
  simulateBot,
  toolsAt,
  type Clock,
} from './history-background';
import { createRng, type Rng } from './rng';

export { HISTORY_DAYS } from './history-background';
export const DEFAULT_DEMO_SEED = 20_260_301;

/** One person's grant to one agent registration over the month: consent, tokens, calls. */
function simulateGrant(log: EventLog, clock: Clock, rng: Rng, grant: DemoGrant) {
  const { agent, registration } = registrationOf(grant.registration);
  const server = serverOf(grant.server);
  const uses = agent.uses[grant.server] ?? [];
  const ctx: CallContext = {
    clientId: registration.clientId,
    sub: grant.sub,
    server,
    scopes: [...grant.scopes],
    consentId: grant.consentId,
    userAgent: agent.userAgent,
    ip: grant.odd ? ODD_IP(rng) : OFFICE_IP(personIndex(grant.sub)),
  };
  const registeredHour = grant.day === registration.day ? registration.hour + 1 : 8;
  const grantedAt = clock.at(grant.day, Math.max(registeredHour, rng.int(8, 16)), rng.int(0, 59));
  log.fromAs(grantedAt, 'consent.granted', {
    client_id: ctx.clientId,
    sub: grant.sub,
    scopes: ctx.scopes,
    resource: server.resource,
    consent_id: grant.consentId,
    mechanism: grant.mechanism ?? 'interactive',
    ...(grant.mechanism === 'policy'
      ? { expires_at: new Date(grantedAt + 90 * DAY).toISOString(), reason: 'Support team policy' }
      : {}),
    ip: ctx.ip,
    user_agent: agent.userAgent,
  });
  let session: Session | null = authorize(log, grantedAt + 20_000, ctx);
  const tryDenied = agent.suspicious ? 0.9 : 0.2;
  const lastDay = Math.min(grant.lastDay ?? HISTORY_DAYS, (registration.deleted?.day ?? 99) - 1);

  for (let day = grant.day; day <= Math.min(lastDay, HISTORY_DAYS); day++) {
    let dayStart = day === grant.day ? grantedAt + MINUTE : clock.at(day, 0);

    if (grant.stepUp?.day === day) {
      const tool = toolOf(server, grant.stepUp.tool);
      let t = clock.at(day, 10, rng.int(0, 20));
      if (session && t >= session.accessExpires) session = refresh(log, t - 30_000, ctx, session);
      for (let i = 0; i < 2; i++, t += rng.int(20_000, 90_000)) {
        log.fromMcp(t, server, 'tool.denied', {
          client_id: ctx.clientId,
          sub: grant.sub,
          tool: tool.name,
          token_ref: session?.accessRef,
          required_scopes: tool.required_scopes,
          granted_scopes: ctx.scopes,
          ip: ctx.ip,
        });
      }
      t += 2 * MINUTE;
      ctx.scopes = [...grant.stepUp.scopes];
      log.fromAs(t, 'consent.granted', {
        client_id: ctx.clientId,
        sub: grant.sub,
        scopes: ctx.scopes,
        resource: server.resource,
        consent_id: grant.consentId,
        mechanism: 'interactive',
        reason: `Step-up: ${tool.name} needs ${tool.required_scopes.join(' ')}`,
        ip: ctx.ip,
      });
      if (session) {
        log.fromAs(t + 15_000, 'token.revoked', {
          token_ref: session.refreshRef,
          reason: 'Replaced by a step-up authorization',
        });
      }
      session = authorize(log, t + 15_000, ctx);
      t = callTools(log, rng, t + 30_000, ctx, session.accessRef, [tool], 1);
      dayStart = t + MINUTE;
    }

    if (grant.narrow?.day === day) {
      const removed = grant.narrow.scopes;
      ctx.scopes = ctx.scopes.filter((s) => !removed.includes(s));
      log.fromAs(clock.at(day, 15, rng.int(0, 59)), 'consent.revoked', {
        client_id: ctx.clientId,
        sub: grant.sub,
        consent_id: grant.consentId,
        scopes: removed,
        actor: { type: 'user', id: grant.sub },
        reason: 'Removed from the account page',
      });
      dayStart = Math.max(dayStart, clock.at(day, 16));
    }

    if (grant.revokeDay === day) {
      const at = clock.at(day, 11, rng.int(0, 59));
      log.fromAs(at, 'consent.revoked', {
        client_id: ctx.clientId,
        sub: grant.sub,
        consent_id: grant.consentId,
        actor: { type: 'user', id: grant.sub },
        reason: 'No longer uses this app',
      });
      // The agent still has its access token and tries it the next morning.
      if (session) {
        log.fromMcp(clock.at(day + 1, 8, rng.int(0, 30)), server, 'token.rejected', {
          client_id: ctx.clientId,
          token_ref: session.accessRef,
          cause: 'revoked',
        });
      }
      return;
    }

    if (grant.signOutDay === day && session) {
      log.fromAs(clock.at(day, 17, rng.int(0, 59)), 'token.revoked', {
        token_ref: session.refreshRef,
        family_id: session.familyId,
        reason: `Signed out of ${agent.metadata.client_name}`,
        actor: { type: 'user', id: grant.sub },
      });
      return;
    }

    if (grant.passthroughDay === day) {
      const at = clock.at(day, 3, 14);
      session = session ? refresh(log, at, ctx, session) : authorize(log, at, ctx);
      // Token passthrough: the drive token presented to the tracker.
      const other = serverOf(grant.server === 'drive' ? 'tracker' : 'drive');
      log.fromMcp(at + 40_000, other, 'token.rejected', {
        client_id: ctx.clientId,
        token_ref: session.accessRef,
        cause: 'wrong_audience',
        ip: ctx.ip,
        reason: `Token audience is ${server.resource}`,
      });
      log.fromMcp(at + 41_000, other, 'tool.denied', {
        client_id: ctx.clientId,
        sub: grant.sub,
        tool: 'list_issues',
        required_scopes: ['tracker:read'],
        ip: ctx.ip,
      });
      dayStart = at + 2 * MINUTE;
    }

    if (grant.reuseDay === day && session) {
      // A copy of a rotated refresh token is presented from another machine: the authorization
      // server revokes the whole family, and the person signs in again the next working day.
      log.fromAs(clock.at(day, 13, rng.int(0, 59)), 'token.reuse_detected', {
        client_id: ctx.clientId,
        sub: grant.sub,
        family_id: session.familyId,
        ip: ODD_IP(rng),
        reason: 'A refresh token that was already rotated was presented again',
      });
      session = null;
      continue;
    }

    const active = grant.odd || clock.workday(day);
    if (!active || !rng.chance(grant.activity)) continue;
    const blocks = rng.int(1, agent.kind === 'ide' || agent.kind === 'web' ? 3 : 2);
    const hours = [
      ...new Set(
        Array.from({ length: blocks }, () => (grant.odd ? rng.int(1, 4) : rng.int(8, 17))),
      ),
    ].sort((a, b) => a - b);
    const tools = toolsAt(server, uses, day);
    let last = dayStart;
    for (const hour of hours) {
      const t = Math.max(clock.at(day, hour, rng.int(0, 50)), last + 5 * MINUTE);
      if (!session) {
        session = authorize(log, t, ctx);
      } else if (t + 45 * MINUTE >= session.accessExpires) {
        // Clients refresh ahead of expiry; some first try the stale token and get refused.
        if (t >= session.accessExpires && rng.chance(0.12)) {
          log.fromMcp(t - 3_000, server, 'token.rejected', {
            client_id: ctx.clientId,
            token_ref: session.accessRef,
            cause: 'expired',
          });
        }
        session = refresh(log, t, ctx, session);
      }
      const count = grant.odd ? rng.int(12, 40) : rng.int(2, agent.kind === 'ide' ? 12 : 8);
      const gap: [number, number] = grant.odd ? [800, 6_000] : [4_000, 150_000];
      last = callTools(log, rng, t + 5_000, ctx, session.accessRef, tools, count, {
        tryDenied,
        gap,
      });
    }
  }
}

/**
 * The demo's month of history before `now`: deterministic for one `now` and seed, in time order,
 * ids `demo-1`, `demo-2`, … Every event lies within the 30 days before `now`.
 */
export function historyEvents(now: Date, seed = DEFAULT_DEMO_SEED): DemoEvent[] {
  const end = now.getTime() - 1_000;
  const start = end - HISTORY_DAYS * DAY + 1_000;
  const clock = clockFor(start);
  const rng = createRng(seed);
  const log = new EventLog(`acme-demo|${seed}`);

  for (const server of demoCatalog.servers) {
    resourceUpdated(log, start + 10 * MINUTE, server, server.tools);
    if (server.addedMidMonth.length) {
      resourceUpdated(log, clock.at(CATALOG_UPDATE_DAY, 6, 30), server, [
        ...server.tools,
        ...server.addedMidMonth,
      ]);
    }
  }
  registrations(log, clock, rng);
  denials(log, clock, rng);
  for (const grant of demoCatalog.grants) simulateGrant(log, clock, rng, grant);
  for (const agent of demoCatalog.agents) if (agent.bot) simulateBot(log, clock, rng, agent);
  return finalize(log.drafts, 'demo-', start, end);
}
