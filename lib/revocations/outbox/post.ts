/** One HTTP attempt of a push. */

export const ATTEMPT_TIMEOUT_MS = 5_000;
/** What is kept of a refusing server's answer: enough to see why, never a whole page. */
const EXCERPT_CHARS = 200;
/** What is read of it at most: a receiver answering gigabytes costs the hub nothing. */
export const EXCERPT_READ_BYTES = 4_096;

export type PostResult = { statusCode: number | null; error: string | null; durationMs: number };

async function excerptOf(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let read = 0;
  try {
    while (read < EXCERPT_READ_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      read += value.byteLength;
    }
  } catch {
    // what arrived before the failure is excerpt enough
  } finally {
    void reader.cancel().catch(() => {});
  }
  const text = Buffer.concat(chunks).subarray(0, EXCERPT_READ_BYTES).toString('utf8');
  return text.replace(/\s+/g, ' ').trim().slice(0, EXCERPT_CHARS);
}

/**
 * POSTs the body; a 2xx is a success. Redirects are not followed (a receiver's URL is configured,
 * not discovered), and the attempt is cut after ATTEMPT_TIMEOUT_MS.
 */
export async function postDelivery(
  url: string,
  request: { body: string; headers: Record<string, string> },
  timeoutMs = ATTEMPT_TIMEOUT_MS,
): Promise<PostResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(url, {
      method: 'POST',
      body: request.body,
      headers: request.headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status >= 200 && response.status < 300) {
      await response.body?.cancel();
      return { statusCode: response.status, error: null, durationMs: elapsed() };
    }
    const excerpt = await excerptOf(response);
    return {
      statusCode: response.status,
      error: `HTTP ${response.status}${excerpt ? `: ${excerpt}` : ''}`,
      durationMs: elapsed(),
    };
  } catch (err) {
    return { statusCode: null, error: describeFailure(err, timeoutMs), durationMs: elapsed() };
  }
}

function describeFailure(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  const cause = err instanceof Error ? (err.cause as { code?: string; message?: string }) : null;
  if (cause?.code === 'ECONNREFUSED') return 'connection refused';
  if (cause?.code === 'ENOTFOUND') return 'host not found';
  const message = cause?.message ?? (err instanceof Error ? err.message : String(err));
  return message.slice(0, EXCERPT_CHARS);
}
