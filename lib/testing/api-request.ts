/**
 * A request to the management API as its route handlers receive it: a bearer token (or none), a
 * JSON body (a string is sent as it is, under `contentType`), POST when there is a body unless
 * `method` says otherwise.
 */
export function apiRequest(
  token: string | null,
  path: string,
  init: { method?: string; body?: unknown; contentType?: string } = {},
) {
  return new Request(`http://hub.test${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.body !== undefined
        ? { 'content-type': init.contentType ?? 'application/json' }
        : {}),
    },
    body:
      init.body === undefined
        ? undefined
        : typeof init.body === 'string'
          ? init.body
          : JSON.stringify(init.body),
  });
}

/** A route handler's second argument: its path parameters. */
export const routeParams = (params: Record<string, string> = {}) => ({
  params: Promise.resolve(params),
});
