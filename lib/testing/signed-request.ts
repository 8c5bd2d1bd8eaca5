import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A request signed with the official standardwebhooks library, as a sender would make it. */
export function signed(
  sourceId: string,
  secret: string,
  body: string,
  options: { contentType?: string; at?: Date; headers?: Record<string, string> } = {},
) {
  const msgId = `msg_${randomUUID()}`;
  const at = options.at ?? new Date();
  return new Request(`http://hub.test/api/v1/sources/${sourceId}/events`, {
    method: 'POST',
    body,
    headers: {
      'content-type': options.contentType ?? 'application/cloudevents+json',
      'webhook-id': msgId,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(msgId, at, body),
      ...options.headers,
    },
  });
}
