import type { z } from 'zod';

/** One call of the management API as the OpenAPI document describes it (operations.ts lists them). */
export type Access = 'public' | 'read' | 'write' | 'source-key' | 'source-signature';

export type Operation = {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path, `{param}` for a dynamic segment */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  query?: z.ZodType;
  body?: z.ZodType;
  /** schema of the 2xx answer */
  response?: { status: number; schema: Record<string, unknown>; contentType?: string };
  /** error statuses beyond those implied by `access` */
  errors?: number[];
};
