import { z } from 'zod';

/** A zod schema as JSON Schema 2020-12 (OpenAPI 3.1), as the request side reads it. */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  delete json.$schema;
  return json;
}

/** The query parameters of an operation, one per property of its (object) zod schema. */
export function queryParametersOf(schema: z.ZodType) {
  const json = jsonSchemaOf(schema) as {
    properties?: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: 'query' as const,
      required: json.required?.includes(name) ?? false,
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

export const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem document',
  required: ['type', 'title', 'status'],
  properties: {
    type: {
      type: 'string',
      format: 'uri',
      description:
        'what kind of refusal: `tag:agent-identity-hub,2026:problem/<code>`, one code per status (not_found, conflict, invalid, forbidden, unauthorized, too_large, rate_limited, …)',
    },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      description: 'one entry per invalid field or parameter',
      items: {
        type: 'object',
        properties: {
          index: { type: 'integer', description: 'the event of a batch (ingestion only)' },
          path: { type: 'string', description: 'JSON pointer of the field' },
          message: { type: 'string' },
        },
      },
    },
  },
} as const;

/** `{items: [...], next_cursor}`, the answer of every list call. */
export function listOf(item: Record<string, unknown>) {
  return {
    type: 'object',
    required: ['items', 'next_cursor'],
    properties: {
      items: { type: 'array', items: item },
      next_cursor: {
        type: ['string', 'null'],
        description: 'pass as `cursor` for the next page; null on the last page',
      },
    },
  };
}
