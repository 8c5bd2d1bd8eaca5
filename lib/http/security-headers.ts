/**
 * The headers of every console page that depend on how the hub runs, so they are decided per
 * request in proxy.ts rather than baked into the build by next.config.ts.
 */

/** A fresh value for each page: a script runs only if the server rendered it with this nonce. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * The page's Content-Security-Policy. Scripts need the nonce, and `'strict-dynamic'` lets Next's
 * nonced bootstrap load its chunks, so an injected `<script>` or inline handler never runs.
 * Styles stay `'unsafe-inline'`: React and the charts set `style` attributes, and CSS cannot run
 * code. Forms may post to the hub and, for single sign-on, be redirected to the identity provider
 * (browsers check `form-action` on the redirect too). Development needs `'unsafe-eval'` for
 * React's debugging stacks; production never evaluates strings.
 */
export function contentSecurityPolicy(
  nonce: string,
  options: { oidcIssuer?: string; development?: boolean } = {},
): string {
  const idp = originOf(options.oidcIssuer);
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${idp ? ` ${idp}` : ''}`,
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Strict-Transport-Security when the hub's public address is https: a browser that saw it once
 * never talks plain http to the hub again. Never over http (it would be ignored, and a hub run on
 * http://localhost must stay reachable).
 */
export function strictTransportSecurity(hubUrl: string | undefined): string | null {
  return hubUrl?.startsWith('https://') ? 'max-age=31536000; includeSubDomains' : null;
}
