import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Every file under app/ with this name, as paths relative to the repository root. */
function filesNamed(root: string, name: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.name === name) found.push(rel);
    }
  };
  walk('app');
  return found.sort();
}

/** `app/(console)/agents/[agentId]/page.tsx` → `/agents/[agentId]`: the URL path, groups left out. */
export function routePathOf(file: string): string {
  const segments = path.posix
    .dirname(file)
    .split('/')
    .slice(1)
    .filter((s) => !/^\(.*\)$/.test(s));
  return `/${segments.join('/')}`;
}

export function discoverPages(root: string): string[] {
  return filesNamed(root, 'page.tsx').map(routePathOf);
}

/** The page files of app/, with their URL paths (the file tells the route group). */
export function discoverPageFiles(root: string): { file: string; path: string }[] {
  return filesNamed(root, 'page.tsx').map((file) => ({ file, path: routePathOf(file) }));
}

/**
 * The catch-all that answers 404 for unknown paths under /api/v1: it admits everyone and serves
 * nothing, so it is no route of the access table (its own test is lib/api/not-found.test.ts).
 */
export const API_NOT_FOUND_ROUTE = 'app/api/v1/[...unknown]/route.ts';

/** The route files of app/api, with their URL paths. */
export function discoverRouteFiles(root: string): { file: string; path: string }[] {
  return filesNamed(root, 'route.ts')
    .filter((f) => f.startsWith('app/api/') && f !== API_NOT_FOUND_ROUTE)
    .map((file) => ({ file, path: routePathOf(file) }));
}

export const httpMethods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

export type ServerAction = { id: string; key: string; page: string };

/**
 * Every server action of the production build, from `.next/server/server-reference-manifest.json`:
 * its id, `file#export`, and a page that loads it (where a request can be posted).
 */
export function discoverActions(root: string): ServerAction[] {
  const manifest = JSON.parse(
    readFileSync(path.join(root, '.next/server/server-reference-manifest.json'), 'utf8'),
  ) as {
    node: Record<
      string,
      { workers: Record<string, unknown>; filename: string; exportedName: string }
    >;
  };
  return Object.entries(manifest.node).map(([id, action]) => ({
    id,
    key: `${action.filename}#${action.exportedName}`,
    page: routePathOf(`${Object.keys(action.workers)[0]!}.tsx`),
  }));
}

/** Fills `[agentId]`-style segments from `ids`; throws when one is missing. */
export function fillPath(pattern: string, ids: Record<string, string>): string {
  return pattern.replace(/\[(\.\.\.)?(\w+)\]/g, (_, rest: string | undefined, name: string) => {
    const value = rest ? (ids[name] ?? 'session') : ids[name];
    if (!value) throw new Error(`no id for [${name}] in ${pattern}`);
    return encodeURIComponent(value);
  });
}
