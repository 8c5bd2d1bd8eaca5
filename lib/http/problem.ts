/** RFC 9457 problem documents, the one error shape of every API answer. */
export type Problem = {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  [extension: string]: unknown;
};

export function problem(
  status: number,
  title: string,
  detail?: string,
  extra: Record<string, unknown> = {},
  headers: HeadersInit = {},
): Response {
  const body: Problem = {
    type: 'about:blank',
    title,
    status,
    ...(detail ? { detail } : {}),
    ...extra,
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/problem+json',
      'cache-control': 'no-store',
      ...headers,
    },
  });
}

export const unauthorized = (detail = 'Valid credentials are required.') =>
  problem(401, 'Unauthorized', detail, {}, { 'www-authenticate': 'Bearer' });
export const forbidden = (detail = 'Your role may not do this.') =>
  problem(403, 'Forbidden', detail);
