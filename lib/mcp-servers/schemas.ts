import { z } from 'zod';
import { listParams } from '@/lib/api/list';

/** `GET /api/v1/mcp-servers`: servers by name, keyset-paged; `q` matches name or resource URI. */
export const mcpServerListQuerySchema = z.object({
  q: z.string().trim().max(200, 'q must be at most 200 characters').optional(),
  ...listParams,
});

/** `GET /api/v1/mcp-servers/{id}`: `limit` and `cursor` page the access matrix's agents. */
export const mcpServerQuerySchema = z.object({ ...listParams });
