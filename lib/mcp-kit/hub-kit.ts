import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import type { OAuthTokenVerifier } from '@modelcontextprotocol/sdk/server/auth/provider.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Acknowledger, type AcknowledgerOptions } from './acknowledger.js';
import { HubReporter, type HubReporterOptions } from './reporter.js';
import { RevocationSync, type RevocationSyncOptions } from './revocation-sync.js';
import { identityOf, revocationAwareVerifier, type VerifyToken } from './verifier.js';
import type { KitLogger } from './types.js';

export type HubKitOptions = {
  /** the hub's base URL */
  hubUrl: string;
  /** the MCP server's source in the hub: its id, API key and signing secret */
  sourceId: string;
  apiKey: string;
  signingSecret: string;
  /** this MCP server's canonical resource URI */
  resource: string;
  /** the RFC 9728 metadata URL put in every 401's `WWW-Authenticate` (MCP authorization) */
  resourceMetadataUrl: string;
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

/** The request and response shapes `requireBearerAuth` works on (Express's, on node:http). */
type Middleware = (
  req: IncomingMessage & { auth?: AuthInfo },
  res: ServerResponse,
  next: (err?: unknown) => void,
) => void;

/** What a tool handler gets as its last argument from the SDK (only `authInfo` is used). */
type ToolExtra = { authInfo?: AuthInfo };

export type HubKit = {
  sync: RevocationSync;
  reporter: HubReporter;
  /** sends `revocation.applied`: after catching up, after new entries, and every 60 s */
  acknowledger: Acknowledger;
  verifier: OAuthTokenVerifier;
  /** Express middleware: 401 for a missing, invalid or revoked token, reported to the hub */
  bearerAuth: (options?: { requiredScopes?: string[] }) => Middleware;
  /** Runs a tool's work, refusing it without the scopes and reporting the call either way */
  runTool: (
    extra: ToolExtra,
    tool: { name: string; requiredScopes?: string[] },
    work: () => CallToolResult | Promise<CallToolResult>,
  ) => Promise<CallToolResult>;
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

  const bearerAuth: HubKit['bearerAuth'] = ({ requiredScopes } = {}) => {
    const inner = requireBearerAuth({
      verifier,
      requiredScopes,
      resourceMetadataUrl: options.resourceMetadataUrl,
    }) as Middleware;
    return (req, res, next) => {
      if (!req.headers.authorization) reporter.tokenRejected({ cause: 'missing' });
      return inner(req, res, next);
    };
  };

  const runTool: HubKit['runTool'] = async (extra, tool, work) => {
    const identity = identityOf(extra.authInfo);
    const clientId = identity?.clientId ?? extra.authInfo?.clientId ?? 'unknown';
    const granted = extra.authInfo?.scopes ?? [];
    const required = tool.requiredScopes ?? [];
    const missing = required.filter((s) => !granted.includes(s));
    const who = { client_id: clientId, sub: identity?.sub };
    if (missing.length > 0) {
      reporter.toolDenied({
        tool: tool.name,
        ...who,
        required_scopes: required,
        granted_scopes: granted,
      });
      return {
        isError: true,
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
      report(result.isError ? 'error' : 'ok');
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
    runTool,
    start: () => sync.start(),
    close: async () => {
      await sync.stop();
      acknowledger.stop();
      await reporter.close();
    },
  };
}
