/** One HTTP attempt of a push. */

export const ATTEMPT_TIMEOUT_MS = 5_000;
/** What is kept of a refusing server's answer: enough to see why, never a whole page. */
const EXCERPT_CHARS = 200;

export type PostResult = { statusCode: number | null; error: string | null; durationMs: number };

async function excerptOf(response: Response): Promise<string> {
  try {
    const text = await response.text();
    return text.replace(/\s+/g, ' ').trim().slice(0, EXCERPT_CHARS);
  } catch {
    return '';
  }
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
