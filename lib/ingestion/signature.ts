import { Webhook, WebhookVerificationError } from 'standardwebhooks';

export type SignatureCheck =
  | { ok: true; payload: unknown }
  | { ok: true; payload: undefined; invalidJson: true }
  | { ok: false; reason: string };

/**
 * Verifies a Standard Webhooks v1 signature against each live secret of a source (several during
 * a rotation). The library compares in constant time and checks the ±5 minute tolerance; it parses
 * the body only after a signature matched, so a SyntaxError means "signed, but not JSON".
 */
export function verifySignature(body: Buffer, headers: Headers, secrets: string[]): SignatureCheck {
  const webhookHeaders = {
    'webhook-id': headers.get('webhook-id') ?? '',
    'webhook-timestamp': headers.get('webhook-timestamp') ?? '',
    'webhook-signature': headers.get('webhook-signature') ?? '',
  };
  if (
    !webhookHeaders['webhook-id'] ||
    !webhookHeaders['webhook-timestamp'] ||
    !webhookHeaders['webhook-signature']
  ) {
    return {
      ok: false,
      reason: 'missing webhook-id, webhook-timestamp or webhook-signature header',
    };
  }
  let lastReason = 'no secret is active for this source';
  for (const secret of secrets) {
    try {
      return { ok: true, payload: new Webhook(secret).verify(body, webhookHeaders) };
    } catch (err) {
      if (err instanceof SyntaxError) return { ok: true, payload: undefined, invalidJson: true };
      if (!(err instanceof WebhookVerificationError)) throw err;
      lastReason =
        err.message === 'No matching signature found'
          ? 'signature does not match any active secret'
          : `timestamp: ${err.message.toLowerCase()}`;
      if (lastReason.startsWith('timestamp') || err.message === 'Invalid Signature Headers')
        return { ok: false, reason: lastReason };
    }
  }
  return { ok: false, reason: lastReason };
}
