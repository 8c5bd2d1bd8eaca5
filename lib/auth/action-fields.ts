import { z } from 'zod';

/** The reason a person gives for a change: optional, kept in the audit trail, empty means none. */
export const reasonField = z
  .string()
  .trim()
  .max(500, 'Keep the reason under 500 characters.')
  .optional()
  .transform((v) => v || null);
