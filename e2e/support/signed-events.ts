import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/**
 * POSTs CloudEvents to a source's ingestion endpoint, signed with Standard Webhooks as its
 * producer would, under a fresh message id: one event as application/cloudevents+json, an array
 * as a batch.
 */
export function postSignedEvents(
  endpoint: string,
  secret: string,
  events: object | object[],
): Promise<Response> {
  const id = `msg_${randomUUID()}`;
  const now = new Date();
  const body = JSON.stringify(events);
  return fetch(endpoint, {
    method: 'POST',
    body,
    headers: {
      'content-type': Array.isArray(events)
        ? 'application/cloudevents-batch+json'
        : 'application/cloudevents+json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(id, now, body),
    },
  });
}

/** A CloudEvent as the producer at `source` sends it: a fresh id, the time now. */
export function cloudEvent(source: string, type: string, data: object) {
  return {
    specversion: '1.0',
    id: `e2e-${randomUUID()}`,
    source,
    type,
    time: new Date().toISOString(),
    data,
  };
}
