import type { Db } from '@/db/client';
import { hitRateLimit } from '@/db/queries/rate-limits';
import { recordRefusal } from '@/db/queries/sources';
import { isUuid } from '@/db/queries/ids';
import { problem } from '@/lib/http/problem';
import { ingestEvents } from './ingest';
import { exceedsDepth, MAX_EVENTS_PER_REQUEST, MAX_JSON_DEPTH, readBodyCapped } from './limits';
import { verifySignature } from './signature';
import { liveSecrets, loadIngestionSource } from './source-cache';
import { validateEvents } from './validate';

const SINGLE = new Set(['application/cloudevents+json', 'application/json']);
const BATCH = 'application/cloudevents-batch+json';

// One answer for every authentication failure, so a caller cannot probe which sources exist.
const notAuthenticated = () =>
  problem(
    401,
    'Unauthorized',
    'The request could not be authenticated for this source.',
    {},
    { 'www-authenticate': 'Webhook-Signature' },
  );

/**
 * `POST /api/v1/sources/{sourceId}/events` (shared/spec/ingestion.md). Checks run cheapest and
 * most fundamental first: size, who is sending, rate, media type, JSON, shape, count, then each
 * event. A refused request writes nothing of what it carried; for a known source its refusal is
 * counted with its reason, so the operator can debug the sender from the console.
 */
export async function handleIngestionRequest(
  db: Db,
  sourceId: string,
  request: Request,
): Promise<Response> {
  try {
    return await answer(db, sourceId, request);
  } catch (err) {
    // Only the hub's own faults reach here (bad input is answered below): ask the sender to retry.
    console.error('[hub] ingestion failed', err);
    return problem(
      503,
      'Service Unavailable',
      'The hub could not store these events; nothing was accepted. Retry later.',
      {},
      { 'retry-after': '5' },
    );
  }
}

async function answer(db: Db, sourceId: string, request: Request): Promise<Response> {
  const body = await readBodyCapped(request);
  const source = isUuid(sourceId) ? await loadIngestionSource(db, sourceId) : null;
  const refuse = async (response: Response, reason: string) => {
    if (source) await recordRefusal(db, source.orgId, source.id, response.status, reason);
    return response;
  };

  if (body === null) {
    return refuse(
      problem(413, 'Content Too Large', 'The body is over 1 MiB; send fewer events per request.'),
      'body over 1 MiB',
    );
  }
  if (!source) return notAuthenticated();
  if (source.status !== 'active') return refuse(notAuthenticated(), 'source is disabled');

  const signature = verifySignature(body, request.headers, liveSecrets(source));
  if (!signature.ok) return refuse(notAuthenticated(), signature.reason);

  const mediaType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!SINGLE.has(mediaType) && mediaType !== BATCH) {
    return refuse(
      problem(
        415,
        'Unsupported Media Type',
        `Send application/cloudevents+json, application/json or ${BATCH} (got "${mediaType || 'none'}").`,
      ),
      `content type ${mediaType || 'missing'}`,
    );
  }
  if ('invalidJson' in signature) {
    return refuse(problem(400, 'Bad Request', 'The body is not valid JSON.'), 'body is not JSON');
  }
  const payload = signature.payload;
  if (exceedsDepth(payload)) {
    return refuse(
      problem(400, 'Bad Request', `The JSON nests deeper than ${MAX_JSON_DEPTH} levels.`),
      'JSON nested too deep',
    );
  }
  const isObject = payload !== null && typeof payload === 'object' && !Array.isArray(payload);
  if (
    mediaType === BATCH
      ? !Array.isArray(payload)
      : !isObject && !(mediaType === 'application/json' && Array.isArray(payload))
  ) {
    const expected = mediaType === BATCH ? 'a JSON array of events' : 'a JSON object (one event)';
    return refuse(
      problem(400, 'Bad Request', `The body must be ${expected} for ${mediaType}.`),
      `body is not ${expected}`,
    );
  }
  const items: unknown[] = Array.isArray(payload) ? payload : [payload];
  if (items.length > MAX_EVENTS_PER_REQUEST) {
    return refuse(
      problem(
        413,
        'Content Too Large',
        `${items.length} events in one request; at most ${MAX_EVENTS_PER_REQUEST} are accepted.`,
      ),
      `${items.length} events in one request`,
    );
  }

  const rate = await hitRateLimit(
    db,
    `source:${source.id}`,
    source.rateLimitPerMinute,
    60,
    Math.max(1, items.length),
  );
  if (!rate.allowed) {
    return refuse(
      problem(
        429,
        'Too Many Requests',
        `This source may send ${source.rateLimitPerMinute} events a minute.`,
        {},
        { 'retry-after': String(rate.retryAfterSeconds) },
      ),
      'over the rate limit',
    );
  }

  const validated = validateEvents(items, source);
  if (!validated.ok) {
    const first = validated.errors[0]!;
    return refuse(
      problem(
        422,
        'Unprocessable Content',
        `${validated.errors.length} problem(s) in the events; nothing was accepted.`,
        { errors: validated.errors },
      ),
      `event ${first.index}: ${first.path} ${first.message}`,
    );
  }
  const result = await ingestEvents(
    db,
    {
      id: source.id,
      orgId: source.orgId,
      kind: source.kind,
      issuer: source.issuer,
      resource: source.resource,
      resources: source.resources,
    },
    validated.events,
  );
  return Response.json(result, { status: 202, headers: { 'cache-control': 'no-store' } });
}
