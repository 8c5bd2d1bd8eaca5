import { z } from 'zod';

/**
 * A zod schema as JSON Schema 2020-12 (OpenAPI 3.1): a request as the caller sends it (`input`,
 * before defaults and transforms), an answer as the hub sends it (`output`, after parsing).
 */
export function jsonSchemaOf(
  schema: z.ZodType,
  io: 'input' | 'output' = 'input',
): Record<string, unknown> {
  const json = z.toJSONSchema(schema, {
    io,
    target: 'draft-2020-12',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
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
