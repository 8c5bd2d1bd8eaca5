/** Reading redirect URIs and other URLs of an agent's metadata, without fetching anything. */
import { isPublicHost } from './private-hosts';

export function parseUrl(value: string | null | undefined): URL | null {
  if (!value) return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** A loopback redirect (RFC 8252 §7.3): http on localhost, 127.0.0.0/8 or [::1], any port. */
export function isLoopback(uri: string): boolean {
  const url = parseUrl(uri);
  if (!url) return false;
  const host = url.hostname.toLowerCase();
  return loopbackHosts.has(host) || /^127(\.\d{1,3}){3}$/.test(host) || host.endsWith('.localhost');
}

/**
 * Where a redirect URI sends the code: the host of a web URL, or the scheme of a native app's
 * private-use URI (`vscode://…` has a "host" that is only the app's own naming).
 */
export function redirectTarget(uri: string): string {
  const url = parseUrl(uri);
  if (!url) return uri;
  // A loopback port is picked per install and says nothing about who the client is.
  if (isLoopback(uri)) return url.hostname;
  if (url.protocol === 'http:' || url.protocol === 'https:') return url.host;
  return `${url.protocol}//`;
}

/** The distinct targets of some redirect URIs, in first-seen order. */
export function redirectHosts(uris: readonly string[]): string[] {
  return [...new Set(uris.map(redirectTarget))];
}

/** Every redirect URI is loopback: any program on the user's machine can receive the code. */
export function isLocalhostOnly(uris: readonly string[]): boolean {
  return uris.length > 0 && uris.every(isLoopback);
}

/** Labels that are commonly a second level under a country code (co.uk, com.au, ac.jp …). */
const secondLevel = new Set(['co', 'com', 'net', 'org', 'gov', 'ac', 'edu', 'ne', 'or', 'go']);

/**
 * The registrable domain of a host, approximately: its last two labels, or three when the
 * second-to-last is a common second-level label. Without the public suffix list this can only err
 * towards treating two hosts as unrelated, never towards accepting a foreign one.
 */
export function siteOf(host: string): string {
  const labels = host.toLowerCase().replace(/:\d+$/, '').split('.').filter(Boolean);
  if (labels.length <= 2) return labels.join('.');
  const take = secondLevel.has(labels[labels.length - 2]!) && labels.length >= 3 ? 3 : 2;
  return labels.slice(-take).join('.');
}

/**
 * Only https logos on public hosts are shown, and only by the browser: the hub never fetches
 * them. A logo on a loopback, private or link-local address (or a name like `*.local`) would make
 * the visitor's browser probe their own network, so it is not shown at all.
 */
export function safeLogoUrl(logoUri: string | null | undefined): string | null {
  const url = parseUrl(logoUri);
  if (!url || url.protocol !== 'https:' || url.username || url.password) return null;
  return isPublicHost(url.hostname) ? url.toString() : null;
}
