/**
 * Test OpenID Connect provider for the end-to-end sign-in tests (oidc-provider v9, in memory).
 *
 *   npx tsx e2e/support/oidc-provider.ts
 *
 * Env: OIDC_PORT (3199) -> issuer http://127.0.0.1:$OIDC_PORT (listens on 127.0.0.1 only),
 *      OIDC_CLIENT_ID (agent-hub), OIDC_CLIENT_SECRET (agent-hub-secret),
 *      OIDC_REDIRECT_URIS (comma-separated, default
 *        http://localhost:3100/api/auth/callback/oidc,http://127.0.0.1:3100/api/auth/callback/oidc).
 * Prints `oidc-provider ready at <issuer>` on stdout once listening; exits 0 on SIGTERM/SIGINT
 * (npx does not forward SIGTERM: signal the process group, or run `node --import tsx <this file>`).
 *
 * Client: confidential web client, code flow only, token endpoint auth client_secret_basic
 * (client_secret_post is accepted too). PKCE S256 is REQUIRED; state and nonce are echoed back.
 * Scopes openid/email/profile put sub, email, email_verified, name, groups IN THE ID TOKEN.
 * Accounts (sub = login): alice (hub-admins), olga (hub-owners), aude (hub-auditors), bob (none).
 *
 * What the browser sees: the authorization request (/auth?...) 303-redirects to
 * /interaction/<uid>, a plain HTML page (no external assets), title "Sign in - Test OIDC Provider":
 *   input[name="login"]     (label "Login", pre-filled from login_hint)
 *   input[name="password"]  (label "Password"; any value or empty is accepted)
 *   button[type="submit"]   (text "Sign in")
 *   a#cancel                (text "Cancel" -> redirect_uri?error=access_denied)
 * Submitting a known login redirects straight back to redirect_uri?code=...&state=...&iss=...
 * (consent is auto-granted, no consent page). An unknown login re-renders the form with HTTP 401
 * and p[role="alert"] "Unknown account ...". Every authorization request shows the login form,
 * even if the browser already signed in before (so tests can switch users in one context).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Provider, { type Account, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';

const port = Number(process.env.OIDC_PORT || 3199);
const issuer = `http://127.0.0.1:${port}`;
const clientId = process.env.OIDC_CLIENT_ID || 'agent-hub';
const redirectUris = (
  process.env.OIDC_REDIRECT_URIS ||
  'http://localhost:3100/api/auth/callback/oidc,http://127.0.0.1:3100/api/auth/callback/oidc'
)
  .split(',')
  .map((uri) => uri.trim())
  .filter(Boolean);

const accounts: Record<string, { email: string; name: string; groups: string[] }> = {
  alice: { email: 'alice@example.test', name: 'Alice Admin', groups: ['hub-admins'] },
  olga: { email: 'olga@example.test', name: 'Olga Owner', groups: ['hub-owners'] },
  aude: { email: 'aude@example.test', name: 'Aude Auditor', groups: ['hub-auditors'] },
  bob: { email: 'bob@example.test', name: 'Bob User', groups: [] },
};
const findAccount = async (_ctx: unknown, id: string): Promise<Account | undefined> => {
  const account = Object.hasOwn(accounts, id) ? accounts[id] : undefined;
  if (!account) return undefined;
  return { accountId: id, claims: () => ({ sub: id, email_verified: true, ...account }) };
};

// Tiny in-memory adapter (the built-in one logs a "development-only" warning on every start).
const store = new Map<string, Record<string, unknown>>();
class MemoryAdapter {
  constructor(private readonly model: string) {}
  private entries() {
    return [...store].filter(([key]) => key.startsWith(`${this.model}:`)).map(([, v]) => v);
  }
  async upsert(id: string, payload: Record<string, unknown>) {
    store.set(`${this.model}:${id}`, payload);
  }
  async find(id: string) {
    return store.get(`${this.model}:${id}`);
  }
  async findByUid(uid: string) {
    return this.entries().find((payload) => payload.uid === uid);
  }
  async findByUserCode(userCode: string) {
    return this.entries().find((payload) => payload.userCode === userCode);
  }
  async consume(id: string) {
    const payload = store.get(`${this.model}:${id}`);
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }
  async destroy(id: string) {
    store.delete(`${this.model}:${id}`);
  }
  async revokeByGrantId(grantId: string) {
    for (const [key, payload] of store) if (payload.grantId === grantId) store.delete(key);
  }
}

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const html = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const configuration: Configuration = {
  clients: [
    {
      client_id: clientId,
      client_secret: process.env.OIDC_CLIENT_SECRET || 'agent-hub-secret',
      application_type: 'web', // web clients may use http://localhost redirect URIs for code flow
      redirect_uris: redirectUris,
      post_logout_redirect_uris: redirectUris.map((uri) => new URL(uri).origin),
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  adapter: MemoryAdapter,
  findAccount,
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
  conformIdTokenClaims: false, // put scope claims into the ID token, not only userinfo
  pkce: { required: () => true },
  expiresWithSession: async () => false, // codes/tokens outlive the (discarded) login session
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx: unknown, i: { uid: string }) => `/interaction/${i.uid}` },
  // Auto-consent: grant whatever openid scopes/claims were requested.
  async loadExistingGrant(ctx) {
    const { provider, client, account, session, result } = ctx.oidc;
    if (!account) return undefined;
    const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
    let grant = grantId ? await provider.Grant.find(grantId) : undefined;
    if (grant?.accountId !== account.accountId) {
      grant = new provider.Grant({ accountId: account.accountId, clientId: client.clientId });
    }
    grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(' '));
    if (ctx.oidc.requestParamClaims.size) grant.addOIDCClaims([...ctx.oidc.requestParamClaims]);
    await grant.save();
    return grant;
  },
  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = `<!doctype html><title>OIDC error</title><h1>OIDC error</h1><pre id="error">${html(JSON.stringify(out, null, 2))}</pre>`;
  },
  clientBasedCORS: () => false,
  jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256' }] },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  ttl: {
    AccessToken: 600,
    AuthorizationCode: 60,
    IdToken: 600,
    Interaction: 600,
    Session: 3600,
    Grant: 3600,
  },
};

const provider = new Provider(issuer, configuration);
provider.on('server_error', (_ctx: unknown, err: Error) =>
  console.error('oidc-provider error:', err),
);
// Forget the login once a code is issued, so every authorization request shows the login form
// (tests can switch users in one browser context without a logout round trip).
provider.on('authorization.success', (ctx: KoaContextWithOIDC) => {
  ctx.oidc.session.destroyed = true; // the session is then not saved with the account
});
const oidc = provider.callback();

const loginPage = (uid: string, login: unknown, error?: string) => `<!doctype html>
<html><head><meta charset="utf-8"><title>Sign in - Test OIDC Provider</title></head><body>
<h1>Sign in</h1>${error ? `<p role="alert">${html(error)}</p>` : ''}
<form method="post" action="/interaction/${html(uid)}" autocomplete="off">
<p><label>Login <input name="login" value="${html(login)}" required autofocus></label></p>
<p><label>Password <input type="password" name="password"></label></p>
<button type="submit">Sign in</button>
</form><p><a id="cancel" href="/interaction/${html(uid)}/abort">Cancel</a></p></body></html>`;

async function interaction(req: IncomingMessage, res: ServerResponse, path: string) {
  const { uid, prompt, params } = await provider.interactionDetails(req, res);
  if (path.endsWith('/abort')) {
    const result = { error: 'access_denied', error_description: 'End-User aborted interaction' };
    return provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  }
  if (prompt.name !== 'login') throw new Error(`unexpected prompt ${prompt.name}`);
  if (req.method === 'POST') {
    let body = '';
    for await (const chunk of req) body += chunk;
    const login = new URLSearchParams(body).get('login')?.trim() ?? '';
    if (await findAccount(undefined, login)) {
      const result = { login: { accountId: login } };
      return provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
    }
    res.writeHead(401, { 'content-type': 'text/html; charset=utf-8' });
    return res.end(loginPage(uid, login, `Unknown account "${login}"`));
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(loginPage(uid, params.login_hint));
}

const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', issuer).pathname;
  if (!path.startsWith('/interaction/')) return oidc(req, res);
  interaction(req, res, path).catch((err: Error) => {
    if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`interaction failed: ${err.message}`);
  });
});
server.listen(port, '127.0.0.1', () => console.log(`oidc-provider ready at ${issuer}`));

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
