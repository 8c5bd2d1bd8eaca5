import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerMiddleware, type Middleware } from './bearer.js';
import { Acknowledger, type AcknowledgerOptions } from './acknowledger.js';
import { HubReporter, type HubReporterOptions } from './reporter.js';
import { RevocationSync, type RevocationSyncOptions } from './revocation-sync.js';
import { calledTools, insufficientScopeChallenge, scopesNeeded } from './scope-challenge.js';
import { identityOf, revocationAwareVerifier, type VerifyToken } from './verifier.js';
import type { AuthInfo, KitLogger, OAuthTokenVerifier } from './types.js';

export type HubKitOptions = {
  /** the hub's base URL */
  hubUrl: string;
  /** the MCP server's source in the hub: its id, API key and signing secret */
  sourceId: string;
  apiKey: string;
  signingSecret: string;
  /** this MCP server's canonical resource URI */
  resource: string;
  /** the RFC 9728 metadata URL put in every 401's and 403's `WWW-Authenticate` (MCP authorization) */
  resourceMetadataUrl: string;
  /**
   * the scopes each tool needs, by tool name: a `tools/call` without them is answered 403
   * `insufficient_scope` before it reaches the MCP server, and `runTool` checks them too
   */
  tools?: Readonly<Record<string, readonly string[]>>;
  /** the authorization servers MCP clients get tokens from, named in the resource metadata */
  authorizationServers?: string[];
  /** a name for people, in the resource metadata (`resource_name`) */
  resourceName?: string;
  /** how an access token is verified and identified (e.g. `jwtVerifier(…)`) */
  verify: VerifyToken;
  /** a persisted seq to resume the revocation feed from, and where to persist it */
  after?: string;
  onSeq?: (seq: string) => void | Promise<void>;
  sync?: Partial<RevocationSyncOptions>;
  reporter?: Partial<HubReporterOptions>;
  /** timing of the `revocation.applied` acknowledgements (the contract's by default) */
  acknowledgements?: AcknowledgerOptions;
  logger?: KitLogger;
};

/**
 * What a tool handler gets as its last argument: `extra.authInfo` from SDK 1.x, `ctx.http.authInfo`
 * from 2.x (only the token is read).
 */
type ToolExtra = { authInfo?: AuthInfo; http?: { authInfo?: AuthInfo } };

/** The tool result the kit answers itself when `runTool` refuses a call (both SDKs take it). */
export type ToolRefusal = { isError: true; content: { type: 'text'; text: string }[] };

/** The RFC 9728 protected resource metadata document the kit serves. */
export type ProtectedResourceMetadata = {
  resource: string;
  authorization_servers: string[];
  scopes_supported?: string[];
  bearer_methods_supported: string[];
  resource_name?: string;
};

/** Enough of an Express app (4 or 5) to add a GET route to. */
type RoutableApp = {
  get: (path: string, handler: (req: IncomingMessage, res: ServerResponse) => void) => unknown;
};

export type HubKit = {
  sync: RevocationSync;
  reporter: HubReporter;
  /** sends `revocation.applied`: after catching up, after new entries, and every 60 s */
  acknowledger: Acknowledger;
  verifier: OAuthTokenVerifier;
  /**
   * Express middleware: 401 for a missing, invalid or revoked token, and 403 `insufficient_scope`
   * for a `tools/call` of a tool in `tools` whose scopes the token lacks; each reported to the hub
   */
  bearerAuth: (options?: { requiredScopes?: string[] }) => Middleware;
  /** The RFC 9728 metadata: this resource, its authorization servers and the tools' scopes */
  protectedResourceMetadata: () => ProtectedResourceMetadata;
  /** Serves that metadata on `app` at the path of `resourceMetadataUrl`, the one call needed */
  serveMetadata: (app: RoutableApp) => void;
  /** Runs a tool's work, refusing it without the scopes and reporting the call either way */
  runTool: <R extends object>(
    extra: ToolExtra,
    tool: { name: string; requiredScopes?: string[] },
    work: () => R | Promise<R>,
  ) => Promise<R | ToolRefusal>;
  start: () => Promise<void>;
  close: () => Promise<void>;
};

/**
 * Connects an MCP server to the hub: a revocation set kept fresh from the stream, a bearer-token
 * check that refuses revoked tokens, and a reporter of tool calls and refusals.
 */
export function createHubKit(options: HubKitOptions): HubKit {
  const hubUrl = options.hubUrl.replace(/\/+$/, '');
  const reporter = new HubReporter({
    endpoint: `${hubUrl}/api/v1/sources/${options.sourceId}/events`,
    secret: options.signingSecret,
    resource: options.resource,
    logger: options.logger,
    ...options.reporter,
  });
  const sync = new RevocationSync({
    hubUrl,
    apiKey: options.apiKey,
    after: options.after,
    onSeq: options.onSeq,
    logger: options.logger,
    ...options.sync,
  });
  const acknowledger = new Acknowledger(sync, reporter, options.acknowledgements);
  const verifier = revocationAwareVerifier({
    verify: options.verify,
    revocations: sync.set,
    reporter,
  });

  const tools = options.tools ?? {};
  const whoOf = (authInfo: AuthInfo | undefined) => {
    const identity = identityOf(authInfo);
    return {
      identity,
      client_id: identity?.clientId ?? authInfo?.clientId ?? 'unknown',
      sub: identity?.sub,
    };
  };

  /** Answers 403 when the body calls tools whose scopes the token lacks; false when it does not. */
  const refuseScopes = (req: Parameters<Middleware>[0], res: ServerResponse) => {
    const called = calledTools(req.body);
    const needed = scopesNeeded(called, tools);
    const granted = req.auth?.scopes ?? [];
    const missing = needed.filter((s) => !granted.includes(s));
    if (missing.length === 0) return false;
    const { client_id, sub } = whoOf(req.auth);
    for (const tool of called) {
      const required = [...(tools[tool] ?? [])];
      if (required.every((s) => granted.includes(s))) continue;
      reporter.toolDenied({
        tool,
        client_id,
        sub,
        required_scopes: required,
        granted_scopes: granted,
      });
    }
    const challenge = insufficientScopeChallenge({
      needed,
      missing,
      resourceMetadataUrl: options.resourceMetadataUrl,
    });
    res.writeHead(403, { 'content-type': 'application/json', 'www-authenticate': challenge });
    res.end(
      JSON.stringify({
        error: 'insufficient_scope',
        error_description: `This call needs the scopes ${needed.join(' ')}; the token lacks ${missing.join(' ')}`,
      }),
    );
    return true;
  };

  const bearerAuth: HubKit['bearerAuth'] = ({ requiredScopes } = {}) => {
    const inner = bearerMiddleware({
      verifier,
      requiredScopes,
      resourceMetadataUrl: options.resourceMetadataUrl,
    });
    return (req, res, next) => {
      if (!req.headers.authorization) reporter.tokenRejected({ cause: 'missing' });
      return inner(req, res, (err) => {
        if (err) return next(err);
        try {
          if (!refuseScopes(req, res)) next();
        } catch (error) {
          next(error);
        }
      });
    };
  };

  const protectedResourceMetadata = (): ProtectedResourceMetadata => {
    if (!options.authorizationServers?.length) {
      throw new Error(
        'createHubKit needs `authorizationServers` to describe the resource (RFC 9728)',
      );
    }
    const scopes = [...new Set(Object.values(tools).flat())];
    return {
      resource: options.resource,
      authorization_servers: options.authorizationServers,
      ...(scopes.length > 0 ? { scopes_supported: scopes } : {}),
      bearer_methods_supported: ['header'],
      ...(options.resourceName ? { resource_name: options.resourceName } : {}),
    };
  };

  const serveMetadata: HubKit['serveMetadata'] = (app) => {
    const body = JSON.stringify(protectedResourceMetadata());
    app.get(new URL(options.resourceMetadataUrl).pathname, (_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/json',
        // MCP clients in a browser read it from another origin
        'access-control-allow-origin': '*',
        'cache-control': 'max-age=300',
      });
      res.end(body);
    });
  };

  const runTool: HubKit['runTool'] = async (extra, tool, work) => {
    const authInfo = extra.authInfo ?? extra.http?.authInfo;
    const { identity, client_id, sub } = whoOf(authInfo);
    const granted = authInfo?.scopes ?? [];
    // bearerAuth() has answered 403 already when it saw the call; this holds without it
    const required = [...(tool.requiredScopes ?? tools[tool.name] ?? [])];
    const missing = required.filter((s) => !granted.includes(s));
    const who = { client_id, sub };
    if (missing.length > 0) {
      reporter.toolDenied({
        tool: tool.name,
        ...who,
        required_scopes: required,
        granted_scopes: granted,
      });
      return {
        isError: true as const,
        content: [
          { type: 'text', text: `insufficient_scope: this tool needs ${missing.join(' ')}` },
        ],
      };
    }
    const started = performance.now();
    const report = (outcome: 'ok' | 'error') =>
      reporter.toolInvoked({
        tool: tool.name,
        ...who,
        outcome,
        token_ref: identity?.tokenRef,
        scopes: required.length > 0 ? required : undefined,
        duration_ms: Math.round(performance.now() - started),
      });
    try {
      const result = await work();
      report((result as { isError?: unknown }).isError === true ? 'error' : 'ok');
      return result;
    } catch (err) {
      report('error');
      throw err;
    }
  };

  return {
    sync,
    reporter,
    acknowledger,
    verifier,
    bearerAuth,
    protectedResourceMetadata,
    serveMetadata,
    runTool,
    start: () => sync.start(),
    close: async () => {
      await sync.stop();
      acknowledger.stop();
      await reporter.close();
    },
  };
}
