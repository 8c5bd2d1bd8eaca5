/** A JSON-RPC message as the MCP client posts it (only what the scope check reads). */
type RpcMessage = { method?: unknown; params?: { name?: unknown } };

/** The tool names a parsed MCP request body calls with `tools/call` (a batch may call several). */
export function calledTools(body: unknown): string[] {
  const messages = (Array.isArray(body) ? body : [body]) as RpcMessage[];
  const names: string[] = [];
  for (const message of messages) {
    if (!message || typeof message !== 'object' || message.method !== 'tools/call') continue;
    const name = message.params?.name;
    if (typeof name === 'string') names.push(name);
  }
  return names;
}

/** Every scope the given tools need, once each, in the order they are named. */
export function scopesNeeded(
  tools: readonly string[],
  table: Readonly<Record<string, readonly string[]>>,
): string[] {
  return [...new Set(tools.flatMap((tool) => table[tool] ?? []))];
}

/** A quoted-string of an HTTP auth parameter (RFC 9110 §11.2). */
export const quoted = (value: string) => `"${value.replace(/[\\"]/g, '\\$&')}"`;

/**
 * The `WWW-Authenticate` value of a 403 for scopes a call lacks (RFC 6750 §3.1, MCP's scope
 * challenge): `scope` names every scope the call needs, not only the missing ones and not the ones
 * the token has (the client adds what it already holds, the 2026-07-28 revision's rule).
 */
export function insufficientScopeChallenge(options: {
  needed: readonly string[];
  missing: readonly string[];
  resourceMetadataUrl: string;
}): string {
  const description = `This call needs the scope${options.missing.length > 1 ? 's' : ''} ${options.missing.join(' ')}`;
  return [
    'Bearer error="insufficient_scope"',
    `scope=${quoted(options.needed.join(' '))}`,
    `resource_metadata=${quoted(options.resourceMetadataUrl)}`,
    `error_description=${quoted(description)}`,
  ].join(', ');
}
