import { z } from 'zod';
import { listParams } from '@/lib/api/list';

/** `GET /api/v1/mcp-servers`: servers by name, keyset-paged; `q` matches name or resource URI. */
export const mcpServerListQuerySchema = z.object({
  q: z.string().trim().max(200, 'q must be at most 200 characters').optional(),
  ...listParams,
});

/** `GET /api/v1/mcp-servers/{id}`: `limit` and `cursor` page the access matrix's agents. */
export const mcpServerQuerySchema = z.object({ ...listParams });

/* The answers of the MCP servers API, as present.ts writes them. */

const iso = z.string().nullable().meta({ format: 'date-time' });

export const mcpServerSchema = z.object({
  id: z.string().meta({ format: 'uuid' }),
  name: z.string().nullable(),
  resource: z.string(),
  authorization_servers: z.array(z.string()).nullable(),
  scopes_supported: z.array(z.string()).nullable(),
  last_event_at: iso,
  catalog_updated_at: iso,
  tools: z.array(
    z.object({
      name: z.string(),
      description: z.string().nullable(),
      required_scopes: z.array(z.string()).nullable(),
    }),
  ),
  scopes: z.array(z.object({ scope: z.string(), description: z.string().nullable() })),
});

export const mcpServerListSchema = z.object({
  items: z.array(mcpServerSchema),
  next_cursor: z.string().nullable(),
});

export const mcpServerDetailSchema = mcpServerSchema.extend({
  access: z.object({
    rule: z.string(),
    agents: z.array(
      z.object({
        agent: z.object({
          id: z.string(),
          name: z.string(),
          client_id: z.string(),
          status: z.string(),
        }),
        callable_tools: z.array(z.string()),
        used_tools: z.array(
          z.object({
            tool: z.string(),
            calls: z.number().int(),
            denied: z.number().int(),
            last_used_at: iso,
            used_recently: z.boolean(),
            can_call: z.boolean(),
          }),
        ),
        calls: z.number().int(),
        last_used_at: iso,
      }),
    ),
    total_agents: z.number().int(),
    next_cursor: z.string().nullable(),
  }),
});
