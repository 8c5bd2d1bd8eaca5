import { createHash } from 'node:crypto';
import type { DemoServer, DemoTool } from './catalog';
import { DEMO_ISSUER } from './personas';
import type { Rng } from './rng';

/** A CloudEvents 1.0 structured event as shared/spec/ingestion.md defines it. */
export type DemoEvent = {
  specversion: '1.0';
  id: string;
  /** the producer: the authorization server's issuer or the MCP server's resource URI */
  source: string;
  type: string;
  time: string;
  data: Record<string, unknown>;
};

export type Draft = { at: number; source: string; type: string; data: Record<string, unknown> };

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const ACCESS_TOKEN_TTL = HOUR;
export const REFRESH_TOKEN_TTL = 30 * DAY;
export const BOT_TOKEN_TTL = 15 * MINUTE;

/** Collects events as they happen; token references and family ids are derived from `label`. */
export class EventLog {
  readonly drafts: Draft[] = [];
  private refs = 0;

  constructor(private readonly label: string) {}

  fromAs(at: number, type: string, data: Record<string, unknown>): void {
    this.drafts.push({ at, source: DEMO_ISSUER, type, data });
  }

  /** MCP servers name the authorization server, so their agents resolve to its issuer. */
  fromMcp(at: number, server: DemoServer, type: string, data: Record<string, unknown>): void {
    this.drafts.push({
      at,
      source: server.resource,
      type,
      data: { issuer: DEMO_ISSUER, resource: server.resource, ...data },
    });
  }

  /** A token reference as a resource server would compute it: base64url SHA-256 of the token. */
  tokenRef(): string {
    return createHash('sha256').update(`${this.label}|token|${this.refs++}`).digest('base64url');
  }

  familyId(): string {
    const hash = createHash('sha256').update(`${this.label}|family|${this.refs++}`);
    return `fam_${hash.digest('hex').slice(0, 20)}`;
  }
}

export const iso = (at: number) => new Date(at).toISOString();

/** Who is calling: one agent registration for one person (or none, for a bot) on one server. */
export type CallContext = {
  clientId: string;
  sub?: string;
  server: DemoServer;
  scopes: string[];
  consentId?: string;
  userAgent: string;
  ip: string;
};

export type Session = {
  familyId: string;
  refreshRef: string;
  accessRef: string;
  accessExpires: number;
};

function tokenData(ctx: CallContext) {
  return {
    client_id: ctx.clientId,
    ...(ctx.sub ? { sub: ctx.sub } : {}),
    resource: ctx.server.resource,
    scopes: ctx.scopes,
    ...(ctx.consentId ? { consent_id: ctx.consentId } : {}),
  };
}

/** An access token and a refresh token issued together, as a code exchange and a refresh do. */
function issuePair(
  log: EventLog,
  at: number,
  ctx: CallContext,
  familyId: string,
  grant: { grant_type: string; parent_ref?: string },
): Session {
  const accessRef = log.tokenRef();
  const refreshRef = log.tokenRef();
  const common = { ...tokenData(ctx), ...grant, family_id: familyId };
  log.fromAs(at, 'token.issued', {
    ...common,
    token_ref: accessRef,
    token_type: 'access_token',
    expires_at: iso(at + ACCESS_TOKEN_TTL),
    ip: ctx.ip,
    user_agent: ctx.userAgent,
  });
  log.fromAs(at, 'token.issued', {
    ...common,
    token_ref: refreshRef,
    token_type: 'refresh_token',
    expires_at: iso(at + REFRESH_TOKEN_TTL),
  });
  return { familyId, refreshRef, accessRef, accessExpires: at + ACCESS_TOKEN_TTL };
}

/** An authorization code exchange: a new refresh family with its first access token. */
export function authorize(log: EventLog, at: number, ctx: CallContext): Session {
  return issuePair(log, at, ctx, log.familyId(), { grant_type: 'authorization_code' });
}

/** A refresh with rotation: new access and refresh tokens, the presented refresh token retired. */
export function refresh(log: EventLog, at: number, ctx: CallContext, session: Session): Session {
  const next = issuePair(log, at, ctx, session.familyId, {
    grant_type: 'refresh_token',
    parent_ref: session.refreshRef,
  });
  log.fromAs(at + 1, 'token.revoked', { token_ref: session.refreshRef, reason: 'rotated' });
  return next;
}

/** A client_credentials token for a bot: no end user, no refresh token. */
export function botToken(log: EventLog, at: number, ctx: CallContext): string {
  const ref = log.tokenRef();
  log.fromAs(at, 'token.issued', {
    ...tokenData(ctx),
    token_ref: ref,
    token_type: 'access_token',
    grant_type: 'client_credentials',
    expires_at: iso(at + BOT_TOKEN_TTL),
    ip: ctx.ip,
    user_agent: ctx.userAgent,
  });
  return ref;
}

function durationOf(rng: Rng, tool: string): number {
  if (tool.startsWith('search') || tool.startsWith('list')) return rng.int(120, 1400);
  if (tool.startsWith('read')) return rng.int(60, 900);
  return rng.int(180, 2600);
}

const hasScopes = (granted: string[], tool: DemoTool) =>
  tool.required_scopes.every((s) => granted.includes(s));

/**
 * Tool calls from `at` on, one every few seconds to minutes. A tool the token's scopes do not
 * cover is refused (`tool.denied`, insufficient scope) with probability `tryDenied`, otherwise
 * the agent does not attempt it. Returns the time of the last call.
 */
export function callTools(
  log: EventLog,
  rng: Rng,
  at: number,
  ctx: CallContext,
  tokenRef: string,
  tools: DemoTool[],
  count: number,
  options: { tryDenied?: number; gap?: [number, number] } = {},
): number {
  const [minGap, maxGap] = options.gap ?? [4_000, 150_000];
  let t = at;
  for (let i = 0; i < count; i++) {
    t += rng.int(minGap, maxGap);
    const tool = rng.pick(tools);
    const who = { client_id: ctx.clientId, ...(ctx.sub ? { sub: ctx.sub } : {}), tool: tool.name };
    if (!hasScopes(ctx.scopes, tool)) {
      if (rng.chance(options.tryDenied ?? 0.2)) {
        log.fromMcp(t, ctx.server, 'tool.denied', {
          ...who,
          token_ref: tokenRef,
          required_scopes: tool.required_scopes,
          granted_scopes: ctx.scopes,
          ip: ctx.ip,
        });
      }
      continue;
    }
    log.fromMcp(t, ctx.server, 'tool.invoked', {
      ...who,
      token_ref: tokenRef,
      outcome: rng.chance(0.035) ? 'error' : 'ok',
      scopes: tool.required_scopes,
      duration_ms: durationOf(rng, tool.name),
      ip: ctx.ip,
    });
  }
  return t;
}

/** Sorts drafts by time (stably) and gives them ids `<prefix><n>`, clipped to (from, to]. */
export function finalize(drafts: Draft[], prefix: string, from: number, to: number): DemoEvent[] {
  return drafts
    .map((draft, order) => ({ draft, order }))
    .filter(({ draft }) => draft.at > from && draft.at <= to)
    .sort((a, b) => a.draft.at - b.draft.at || a.order - b.order)
    .map(({ draft }, i) => ({
      specversion: '1.0' as const,
      id: `${prefix}${i + 1}`,
      source: draft.source,
      type: draft.type,
      time: iso(draft.at),
      data: draft.data,
    }));
}
