import { z } from 'zod';
import { dataSchemas, isKnownType, limits } from './schemas';
import { rfc3339, text } from './schemas/common';
import { producerErrors, type EventSender } from './schemas/producers';
import { TIMESTAMP_TOLERANCE_SECONDS } from './limits';

export type { EventSender } from './schemas/producers';

export type EventError = { index: number; path: string; message: string };

export type ValidatedEvent = {
  id: string;
  source: string;
  type: string;
  time: Date;
  subject: string | null;
  /** false for types not in the spec's table: accepted, kept in the audit trail, change nothing */
  understood: boolean;
  /** parsed and normalized `data` for known types; `data` as received for the others */
  data: Record<string, unknown>;
  /** the event object exactly as received (stored as its audit row's data) */
  raw: Record<string, unknown>;
};

/** A request with more errors than this answers with the first ones only. */
export const MAX_REPORTED_ERRORS = 100;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const codePoints = (value: string) => Array.from(value).length;

const envelope = z.object({
  specversion: z.literal('1.0'),
  // The spec counts characters; a code point may take two UTF-16 units.
  id: z
    .string()
    .min(1)
    .max(limits.eventId * 2, `must be at most ${limits.eventId} characters`)
    .refine(
      (id) => codePoints(id) <= limits.eventId,
      `must be at most ${limits.eventId} characters`,
    ),
  source: text(limits.uri),
  type: text(limits.code),
  time: rfc3339,
  subject: text(limits.uri).nullish(),
  datacontenttype: text(limits.code).nullish(),
  dataschema: text(limits.uri).nullish(),
  data: z.custom<Record<string, unknown>>(isPlainObject, 'must be a JSON object'),
});

function pointer(path: readonly PropertyKey[]): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    if (!Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const typeNames: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  array: 'an array',
  object: 'a JSON object',
  record: 'a JSON object',
};

function messageOf(issue: z.core.$ZodIssue, root: unknown): string {
  if (valueAt(root, issue.path) === undefined) return 'is required';
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${typeNames[issue.expected] ?? issue.expected}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
      if (issue.origin === 'array') return `must have at most ${issue.maximum} items`;
      return `must be at most ${issue.maximum}`;
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty';
      if (issue.origin === 'array') return `must have at least ${issue.minimum} items`;
      return `must be at least ${issue.minimum}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_key': {
      const inner = issue.issues[0];
      return inner ? `key ${messageOf({ ...inner, path: [] }, 'key')}` : 'has an invalid key';
    }
    default:
      return issue.message;
  }
}

/**
 * PostgreSQL stores neither NUL characters nor unpaired surrogates (both are valid in JSON), so
 * they are refused here: bad input must never turn into a database error.
 */
function unstorableStrings(value: unknown, path: PropertyKey[], out: PropertyKey[][]): void {
  if (out.length >= MAX_REPORTED_ERRORS) return;
  if (typeof value === 'string') {
    if (value.includes('\u0000') || !value.isWellFormed()) out.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => unstorableStrings(item, [...path, i], out));
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000') || !key.isWellFormed()) out.push([...path, key]);
      unstorableStrings(item, [...path, key], out);
    }
  }
}

function validateOne(
  item: unknown,
  index: number,
  sender: EventSender,
  now: Date,
): { event: ValidatedEvent } | { errors: EventError[] } {
  if (!isPlainObject(item)) {
    return { errors: [{ index, path: '', message: 'must be a JSON object (a CloudEvent)' }] };
  }
  const errors: EventError[] = [];
  const bad: PropertyKey[][] = [];
  unstorableStrings(item, [], bad);
  for (const path of bad) {
    errors.push({
      index,
      path: pointer(path),
      message: 'must not contain NUL characters or unpaired surrogates',
    });
  }
  const head = envelope.safeParse(item);
  if (!head.success) {
    for (const issue of head.error.issues) {
      errors.push({ index, path: pointer(issue.path), message: messageOf(issue, item) });
    }
  }
  const type = typeof item.type === 'string' ? item.type : null;
  const understood = type !== null && isKnownType(type);
  let data: Record<string, unknown> | null = isPlainObject(item.data) ? item.data : null;
  if (understood && data) {
    const parsed = dataSchemas[type].safeParse(data);
    if (parsed.success) {
      data = parsed.data as Record<string, unknown>;
    } else {
      for (const issue of parsed.error.issues) {
        errors.push({
          index,
          path: pointer(['data', ...issue.path]),
          message: messageOf(issue, data),
        });
      }
    }
  }
  if (type !== null) {
    for (const e of producerErrors(type, understood ? data : null, sender)) {
      errors.push({ index, ...e });
    }
  }
  // A time far ahead would outrank everything the producer says later (a later `time` wins), e.g.
  // pin an agent deleted for good. The same tolerance as the signature's timestamp.
  if (
    head.success &&
    head.data.time.getTime() > now.getTime() + TIMESTAMP_TOLERANCE_SECONDS * 1000
  ) {
    errors.push({
      index,
      path: '/time',
      message: `must not be more than ${TIMESTAMP_TOLERANCE_SECONDS / 60} minutes ahead of the hub's clock (${now.toISOString()})`,
    });
  }
  if (errors.length > 0 || !head.success || !data) return { errors };
  return {
    event: {
      id: head.data.id,
      source: head.data.source,
      type: head.data.type,
      time: head.data.time,
      subject: head.data.subject ?? null,
      understood,
      data,
      raw: item,
    },
  };
}

/**
 * Checks a request's events against the envelope, each known type's `data` and who may send it
 * (`sender`, see schemas/producers.ts). Reports the errors of all events (up to
 * MAX_REPORTED_ERRORS), each with its event's index and a JSON Pointer into that event.
 */
export function validateEvents(
  items: unknown[],
  sender: EventSender,
  now = new Date(),
): { ok: true; events: ValidatedEvent[] } | { ok: false; errors: EventError[] } {
  const events: ValidatedEvent[] = [];
  const errors: EventError[] = [];
  for (let index = 0; index < items.length && errors.length < MAX_REPORTED_ERRORS; index++) {
    const result = validateOne(items[index], index, sender, now);
    if ('errors' in result) errors.push(...result.errors);
    else events.push(result.event);
  }
  if (errors.length > 0) return { ok: false, errors: errors.slice(0, MAX_REPORTED_ERRORS) };
  return { ok: true, events };
}
