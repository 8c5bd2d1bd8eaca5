import {
  pageOfRows,
  type SortState,
  type TableParams,
  type TableSpec,
} from '@/lib/tables/table-params';
import type { AccessRow } from './access';
import type { ServerWithAccess } from './load';

/**
 * The server page's three tables (access matrix, tools, scopes), filtered, sorted and paged on the
 * server from one loaded server, so the browser only ever gets the page it shows.
 */

/** Tool columns of the access matrix shown at once; the rest are one "next tools" link away. */
export const TOOLS_PER_VIEW = 8;

export const serverViews = ['access', 'tools', 'scopes'] as const;
export type ServerView = (typeof serverViews)[number];

export const accessTableSpec: TableSpec<never> = {
  sortable: ['agent', 'callable', 'calls', 'last_used'],
  defaultSort: { id: 'calls', desc: true },
  facets: {},
};
export const toolsTableSpec: TableSpec<never> = {
  sortable: ['name', 'agents', 'calls', 'last_used'],
  defaultSort: { id: 'name', desc: false },
  facets: {},
};
export const scopesTableSpec: TableSpec<never> = {
  sortable: ['scope', 'tools'],
  defaultSort: { id: 'scope', desc: false },
  facets: {},
};

const matches = (q: string, ...values: (string | null | undefined)[]) =>
  !q || values.some((v) => v?.toLowerCase().includes(q.toLowerCase()));

const time = (d: Date | null) => d?.getTime() ?? -1;

/** Sorts by `key` in the requested direction, ties by `name` ascending (a stable, unique order). */
function sortBy<T>(
  rows: T[],
  sort: SortState,
  key: (r: T) => string | number,
  name: (r: T) => string,
) {
  const dir = sort.desc ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const c = typeof x === 'string' ? x.localeCompare(y as string) : x - (y as number);
    return c * dir || name(a).localeCompare(name(b));
  });
}

export function accessView(server: ServerWithAccess, params: TableParams) {
  const rows = server.access.filter((r) => matches(params.q, r.agent.name, r.agent.clientId));
  const key: Record<string, (r: AccessRow) => string | number> = {
    agent: (r) => r.agent.name.toLowerCase(),
    callable: (r) => r.callable,
    calls: (r) => r.calls,
    last_used: (r) => time(r.lastUsedAt),
  };
  return pageOfRows(
    sortBy(rows, params.sort, key[params.sort.id] ?? key.calls!, (r) => r.agent.name + r.agent.id),
    params,
  );
}

/** The tools whose columns are shown: chunk `index` (0-based) of TOOLS_PER_VIEW. */
export function toolChunk<T>(tools: T[], index: number) {
  const chunks = Math.max(1, Math.ceil(tools.length / TOOLS_PER_VIEW));
  const i = Number.isSafeInteger(index) && index >= 0 && index < chunks ? index : 0;
  return {
    tools: tools.slice(i * TOOLS_PER_VIEW, (i + 1) * TOOLS_PER_VIEW),
    index: i,
    chunks,
    from: i * TOOLS_PER_VIEW + 1,
  };
}

export type ToolSummary = {
  name: string;
  description: string | null;
  requiredScopes: { scope: string; description: string | null }[];
  /** agents that can call it now */
  agents: number;
  calls: number;
  lastUsedAt: Date | null;
};

export function toolSummaries(server: ServerWithAccess): ToolSummary[] {
  return server.tools.map((t) => {
    let agents = 0;
    let calls = 0;
    let lastUsedAt: Date | null = null;
    for (const row of server.access) {
      const cell = row.cells.get(t.name);
      if (!cell) continue;
      if (cell.canCall) agents++;
      calls += cell.calls;
      if (cell.lastUsedAt && (!lastUsedAt || cell.lastUsedAt > lastUsedAt))
        lastUsedAt = cell.lastUsedAt;
    }
    return {
      name: t.name,
      description: t.description,
      requiredScopes: t.requiredScopes.map((scope) => ({
        scope,
        description: server.scopes.get(scope) ?? null,
      })),
      agents,
      calls,
      lastUsedAt,
    };
  });
}

export function toolsView(server: ServerWithAccess, params: TableParams) {
  const rows = toolSummaries(server).filter((t) =>
    matches(params.q, t.name, t.description, ...t.requiredScopes.map((s) => s.scope)),
  );
  const key: Record<string, (t: ToolSummary) => string | number> = {
    name: (t) => t.name.toLowerCase(),
    agents: (t) => t.agents,
    calls: (t) => t.calls,
    last_used: (t) => time(t.lastUsedAt),
  };
  return pageOfRows(
    sortBy(rows, params.sort, key[params.sort.id] ?? key.name!, (t) => t.name),
    params,
  );
}

export type ScopeSummary = { scope: string; description: string | null; tools: string[] };

/** Every scope the server publishes, describes or requires, with the tools that need it. */
export function scopeSummaries(server: ServerWithAccess): ScopeSummary[] {
  const scopes = new Set([...server.server.scopesSupported, ...server.scopes.keys()]);
  for (const t of server.tools) for (const s of t.requiredScopes) scopes.add(s);
  return [...scopes].map((scope) => ({
    scope,
    description: server.scopes.get(scope) ?? null,
    tools: server.tools.filter((t) => t.requiredScopes.includes(scope)).map((t) => t.name),
  }));
}

export function scopesView(server: ServerWithAccess, params: TableParams) {
  const rows = scopeSummaries(server).filter((s) => matches(params.q, s.scope, s.description));
  const key: Record<string, (s: ScopeSummary) => string | number> = {
    scope: (s) => s.scope.toLowerCase(),
    tools: (s) => s.tools.length,
  };
  return pageOfRows(
    sortBy(rows, params.sort, key[params.sort.id] ?? key.scope!, (s) => s.scope),
    params,
  );
}
