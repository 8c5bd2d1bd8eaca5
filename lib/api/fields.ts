import { z } from 'zod';

/**
 * The building blocks of the management API's answer schemas (lib/<capability>/schemas.ts). They
 * check shape, not format: an answer is parsed to strip what is not declared, and a stored value
 * in an unexpected spelling must not turn into a 500. `format` is for the OpenAPI document.
 */

export const str = z.string();
export const nstr = z.string().nullable();
export const time = z.string().meta({ format: 'date-time' });
export const ntime = z.string().nullable().meta({ format: 'date-time' });
export const uuid = z.string().meta({ format: 'uuid' });
export const int = z.number().int();
export const strs = z.array(z.string());
/** a JSON object whose fields the document does not list (kept whole) */
export const anyObject = z.record(z.string(), z.unknown());

/** `{items: [...], next_cursor}`, the answer of every list call. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    next_cursor: z
      .string()
      .nullable()
      .describe('pass as `cursor` for the next page; null on the last page'),
  });
}
