import { OutboundError } from '@/lib/outbound/errors';
import { outboundPost, type OutboundOptions } from '@/lib/outbound/request';

/** One HTTP attempt of a push. */

export const ATTEMPT_TIMEOUT_MS = 5_000;

export type PostResult = {
  statusCode: number | null;
  /** a short class of failure ("HTTP 500", "connection refused", …); never the receiver's words */
  error: string | null;
  durationMs: number;
  /** the target is refused: trying again cannot succeed */
  permanent?: boolean;
};

/**
 * POSTs the body through lib/outbound; a 2xx is a success. Redirects are not followed (a
 * receiver's URL is configured, not discovered), the attempt is cut after `timeoutMs`, and
 * nothing of the answer's body is read or kept: a receiver must not be able to write into the
 * hub's records, nor a refused internal service show what it serves.
 */
export async function postDelivery(
  url: string,
  request: { body: string; headers: Record<string, string> },
  timeoutMs = ATTEMPT_TIMEOUT_MS,
  outbound: Omit<OutboundOptions, 'timeoutMs'> = {},
): Promise<PostResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const { status } = await outboundPost(url, request, { ...outbound, timeoutMs });
    const ok = status >= 200 && status < 300;
    return { statusCode: status, error: ok ? null : `HTTP ${status}`, durationMs: elapsed() };
  } catch (err) {
    if (err instanceof OutboundError)
      return {
        statusCode: null,
        error: err.message,
        durationMs: elapsed(),
        permanent: err.permanent,
      };
    return { statusCode: null, error: 'connection failed', durationMs: elapsed() };
  }
}
