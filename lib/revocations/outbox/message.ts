import { Webhook } from 'standardwebhooks';
import type { RevocationEntry } from '@/db/schema';
import { presentEntry } from '../present';

export const EVENT_TYPE = 'revocation.created';

/**
 * The CloudEvent (structured mode) that pushes one entry: `data` is the entry as the feed
 * presents it, `id` the entry's (the same for every server), `subject` its seq.
 */
export function revocationEvent(entry: RevocationEntry, hubUrl: string) {
  return {
    specversion: '1.0',
    id: entry.id,
    source: hubUrl,
    type: EVENT_TYPE,
    subject: entry.seq.toString(),
    time: entry.createdAt.toISOString(),
    datacontenttype: 'application/json',
    data: presentEntry(entry),
  };
}

/**
 * The request of one delivery, signed with Standard Webhooks v1 with the source's secret.
 * `webhook-id` is the delivery's and stays the same on every retry, so a receiver that got an
 * attempt whose answer was lost can recognise the retry.
 */
export function signedRequest(
  deliveryId: string,
  entry: RevocationEntry,
  secret: string,
  hubUrl: string,
  now: Date,
) {
  const body = JSON.stringify(revocationEvent(entry, hubUrl));
  const id = `msg_${deliveryId}`;
  return {
    body,
    headers: {
      'content-type': 'application/cloudevents+json',
      'user-agent': 'agent-identity-hub',
      'webhook-id': id,
      'webhook-timestamp': Math.floor(now.getTime() / 1000).toString(),
      'webhook-signature': new Webhook(secret).sign(id, now, body),
    },
  };
}
