import type { ServerResponse } from 'node:http';
import { codeOfStatus, problemType } from '@/lib/errors';

/** Writes a fetch Response to a Node response, whole (problem documents and small answers). */
export async function writeResponse(res: ServerResponse, response: Response, extra = {}) {
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, {
    ...Object.fromEntries(response.headers),
    'content-length': String(body.length),
    ...extra,
  });
  res.end(body);
}

/**
 * The raw HTTP answer to a request Node could not parse (headers over its 16 KiB limit, a broken
 * request line): a problem document too, where Node would send a bare status line. Null when the
 * connection is already gone.
 */
export function clientErrorAnswer(error: NodeJS.ErrnoException): string | null {
  if (error.code === 'ECONNRESET' || error.code === 'EPIPE') return null;
  const [status, title, detail] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'The request headers are over 16 KiB.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'The request was not received in time.']
        : [400, 'Bad Request', 'The request is not valid HTTP/1.1.'];
  const code = codeOfStatus(status);
  const type = code ? problemType(code) : 'about:blank';
  const body = JSON.stringify({ type, title, status, detail });
  return [
    `HTTP/1.1 ${status} ${title}`,
    'Content-Type: application/problem+json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}
