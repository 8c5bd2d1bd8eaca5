import {
  demoCatalog,
  registrationOf,
  serverOf,
  toolOf,
  type DemoAgent,
  type DemoServer,
  type DemoTool,
} from './catalog';
import { botToken, callTools, DAY, EventLog, HOUR, MINUTE, type CallContext } from './events';
import type { Rng } from './rng';

/**
 * The month around the people's grants (lib/demo/history.ts): the MCP servers' catalogs, the
 * registrations and their changes, the CI bots' runs and the refused authorization requests.
 */

export const HISTORY_DAYS = 30;
/** The day the tracker publishes its new tool. */
export const CATALOG_UPDATE_DAY = 14;

/** Office addresses (documentation ranges) per person, and where the suspicious agent calls from. */
export const OFFICE_IP = (index: number) => `198.51.100.${20 + index}`;
export const ODD_IP = (rng: Rng) => `203.0.113.${rng.int(140, 160)}`;

export type Clock = {
  /** a time on day `d` of the month (0 = the day 30 days ago), UTC */
  at(day: number, hour: number, minute?: number): number;
  workday(day: number): boolean;
};

export function clockFor(start: number): Clock {
  const midnight = Math.floor(start / DAY) * DAY;
  return {
    at: (day, hour, minute = 0) => midnight + day * DAY + hour * HOUR + minute * MINUTE,
    workday: (day) => {
      const weekday = new Date(midnight + day * DAY).getUTCDay();
      return weekday >= 1 && weekday <= 5;
    },
  };
}

export function resourceUpdated(log: EventLog, at: number, server: DemoServer, tools: DemoTool[]) {
  log.fromMcp(at, server, 'resource.updated', {
    name: server.name,
    authorization_servers: [demoCatalog.authorizationServer.issuer],
    scopes_supported: Object.keys(server.scopeDescriptions),
    scope_descriptions: server.scopeDescriptions,
    tools,
  });
}

export function registrations(log: EventLog, clock: Clock, rng: Rng) {
  for (const agent of demoCatalog.agents) {
    for (const reg of agent.registrations) {
      const at = clock.at(reg.day, reg.hour, rng.int(0, 30));
      log.fromAs(at, 'client.registered', {
        client_id: reg.clientId,
        method: agent.method,
        ...agent.metadata,
        redirect_uris: reg.redirectUris ?? agent.metadata.redirect_uris,
        ...(reg.softwareVersion ? { software_version: reg.softwareVersion } : {}),
        ip: agent.suspicious ? ODD_IP(rng) : OFFICE_IP(rng.int(0, 9)),
        user_agent: agent.userAgent,
      });
      if (reg.deleted) {
        log.fromAs(clock.at(reg.deleted.day, 1, 30), 'client.deleted', {
          client_id: reg.clientId,
          reason: reg.deleted.reason,
          actor: { type: 'system', id: 'dcr-cleanup' },
        });
      }
    }
  }
  const lumen = registrationOf('lumen').registration.clientId;
  log.fromAs(clock.at(16, 10, 4), 'client.updated', {
    client_id: lumen,
    software_version: '3.3.0',
    logo_uri: 'https://lumen-ai.example/brand/lumen-mark-2026.png',
    reason: 'Client metadata document changed',
  });
  const forge = registrationOf('forge').registration.clientId;
  log.fromAs(clock.at(18, 7, 45), 'client.updated', {
    client_id: forge,
    software_version: '0.43.0',
    redirect_uris: [
      'http://127.0.0.1/callback',
      'forge-ide://oauth/callback',
      'https://forge-ide.example/oauth/web-callback',
    ],
    reason: 'Client metadata document changed',
  });
}

export function toolsAt(server: DemoServer, names: string[], day: number): DemoTool[] {
  return names
    .map((name) => toolOf(server, name))
    .filter((tool) => day >= CATALOG_UPDATE_DAY || !server.addedMidMonth.includes(tool));
}

export function personIndex(sub: string): number {
  return Math.max(
    0,
    demoCatalog.people.findIndex((p) => p.sub === sub),
  );
}

export function simulateBot(log: EventLog, clock: Clock, rng: Rng, agent: DemoAgent) {
  const bot = agent.bot!;
  const registration = agent.registrations[0]!;
  const server = serverOf(bot.server);
  const ctx: CallContext = {
    clientId: registration.clientId,
    server,
    scopes: bot.scopes,
    userAgent: agent.userAgent,
    ip: '192.0.2.10',
  };
  for (let day = registration.day + 1; day <= HISTORY_DAYS; day++) {
    const nightly = bot.schedule === 'nightly';
    if (!nightly && (!clock.workday(day) || !rng.chance(0.6))) continue;
    const at = nightly
      ? clock.at(day, 2, rng.int(10, 19))
      : clock.at(day, rng.int(15, 17), rng.int(0, 59));
    const ref = botToken(log, at, ctx);
    const tools = toolsAt(server, agent.uses[bot.server] ?? [], day);
    const extra =
      !nightly && day >= CATALOG_UPDATE_DAY ? [toolOf(server, 'link_pull_request')] : [];
    callTools(log, rng, at + 2_000, ctx, ref, [...tools, ...extra], rng.int(4, 14), {
      gap: [600, 8_000],
    });
  }
}

/** Declined or refused authorization requests over the month. */
export function denials(log: EventLog, clock: Clock, rng: Rng) {
  const id = (key: string) => registrationOf(key).registration.clientId;
  const tracker = serverOf('tracker').resource;
  const drive = serverOf('drive').resource;
  const ordinary: [number, string, string, string, string[], string, string][] = [
    [
      5,
      'terminal-pilot',
      'u-maya-chen',
      'invalid_request',
      ['tracker:read'],
      tracker,
      'redirect_uri does not match a registered redirect URI',
    ],
    [
      7,
      'minutes',
      'u-jonas-berg',
      'access_denied',
      ['drive:read'],
      drive,
      'The user declined the consent screen',
    ],
    [
      9,
      'codewright-2',
      'u-maya-chen',
      'invalid_scope',
      ['tracker:read', 'tracker:admin'],
      tracker,
      'tracker:admin may not be granted to public clients',
    ],
    [
      13,
      'orbit-4',
      'u-priya-natarajan',
      'access_denied',
      ['drive:read', 'drive:share'],
      drive,
      'The user declined the consent screen',
    ],
  ];
  for (const [day, key, sub, error, scopes, resource, reason] of ordinary) {
    log.fromAs(clock.at(day, rng.int(12, 16), rng.int(0, 59)), 'authorization.denied', {
      client_id: id(key),
      sub,
      error,
      scopes,
      resource,
      reason,
      ip: OFFICE_IP(personIndex(sub)),
    });
  }
  log.fromAs(clock.at(2, 17, 40), 'authorization.denied', {
    client_id: id('triage-bot'),
    error: 'unauthorized_client',
    scopes: ['tracker:read', 'tracker:write', 'tracker:admin'],
    resource: tracker,
    reason: 'tracker:admin is not allowed for client_credentials',
    ip: '192.0.2.10',
  });

  // The suspicious agent asks everyone for everything; most people say no.
  const pdf = id('pdf-helper');
  const asked = [
    'u-jonas-berg',
    'u-lena-fischer',
    'u-priya-natarajan',
    'u-omar-haddad',
    'u-tomas-alvarez',
    'u-maya-chen',
    'u-sam-rivera',
  ];
  const wide = [
    'drive:read',
    'drive:write',
    'drive:share',
    'tracker:read',
    'tracker:write',
    'tracker:admin',
  ];
  for (let day = 19; day <= HISTORY_DAYS; day++) {
    for (let i = rng.int(1, 4); i > 0; i--) {
      const roll = rng.next();
      const error =
        roll < 0.6 ? 'access_denied' : roll < 0.85 ? 'invalid_scope' : 'invalid_request';
      log.fromAs(
        clock.at(day, rng.int(day === 19 ? 23 : 0, 23), rng.int(0, 59)),
        'authorization.denied',
        {
          client_id: pdf,
          sub: rng.pick(asked),
          error,
          scopes: wide,
          resource: rng.chance(0.5) ? drive : tracker,
          reason:
            error === 'access_denied'
              ? 'The user declined the consent screen'
              : error === 'invalid_scope'
                ? 'tracker:admin may not be granted to public clients'
                : 'redirect_uri http://localhost:8081/callback is not registered',
          ip: ODD_IP(rng),
          user_agent: 'python-requests/2.31.0',
        },
      );
    }
  }
}
