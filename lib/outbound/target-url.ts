import { allowPrivateTargets } from '@/lib/config/env';
import { refusalForHost } from './address-policy';

/**
 * Why a URL the hub is going to call cannot be saved, as a sentence for a form field, or null.
 * Names are judged without a lookup (lib/outbound/request.ts checks what they resolve to at each
 * call); address literals, local names and metadata services are refused here already.
 */
export function targetUrlProblem(
  value: string,
  allowPrivate: boolean = allowPrivateTargets(),
): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute http(s) URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return 'must be an absolute http(s) URL';
  if (url.username || url.password) return 'must not carry a user name or password';
  const refusal = refusalForHost(url.hostname, allowPrivate);
  if (refusal === 'metadata') return 'must not point at a cloud metadata service';
  if (refusal === 'private')
    return 'must not point at a loopback, private or link-local address (HUB_ALLOW_PRIVATE_TARGETS=1 allows them)';
  if (refusal === 'special') return 'must point at a public address';
  return null;
}
