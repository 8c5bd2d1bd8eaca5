/** Methods that change something: the only ones a cross-site page must not send with the cookie. */
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The hub's own origin: HUB_URL's when it is set (behind a proxy the Host header may be an
 * internal name), else the host the request was sent to.
 */
function hubHost(request: Request): { origin: string | null; host: string } {
  const configured = process.env.HUB_URL;
  if (configured) {
    const url = new URL(configured);
    return { origin: url.origin, host: url.host };
  }
  return { origin: null, host: request.headers.get('host') ?? new URL(request.url).host };
}

function originOf(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/**
 * Why a cookie-authenticated write is refused as cross-site, or null when the browser says it
 * comes from the hub's own pages. The session cookie is SameSite=Lax, which still lets a page on a
 * sibling subdomain post a form to the API; browsers name the page in `Origin` (or at least
 * `Sec-Fetch-Site`), which a page cannot forge. Bearer credentials are never sent by a browser on
 * its own, so only cookie sessions are checked.
 */
export function crossSiteRefusal(request: Request): string | null {
  if (!WRITE_METHODS.has(request.method.toUpperCase())) return null;
  if (request.headers.get('sec-fetch-site') === 'same-origin') return null;
  const origin = request.headers.get('origin');
  if (!origin) {
    return 'A change made with the console session must say where it comes from: send an Origin header of this hub, or use an API token.';
  }
  const hub = hubHost(request);
  const from = originOf(origin);
  const same = from !== null && (hub.origin ? from.origin === hub.origin : from.host === hub.host);
  if (same) return null;
  return `A change made with the console session must come from the hub's own pages (${hub.origin ?? hub.host}), not from ${origin.slice(0, 200)}; use an API token for calls from elsewhere.`;
}
