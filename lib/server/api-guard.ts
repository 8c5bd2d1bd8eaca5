import { operations } from '@/lib/api/openapi/operations';
import { problem } from '@/lib/http/problem';

type Route = { pattern: RegExp; methods: Set<string> };

// The documented operations are exactly the exported route handlers (lib/api/openapi/openapi.test.ts).
const routes: Route[] = [
  ...operations
    .reduce((byPath, op) => {
      const methods = byPath.get(op.path) ?? new Set<string>();
      methods.add(op.method.toUpperCase());
      return byPath.set(op.path, methods);
    }, new Map<string, Set<string>>())
    .entries(),
].map(([path, methods]) => ({
  pattern: new RegExp(`^${path.replace(/\./g, '\\.').replace(/\{\w+\}/g, '[^/]+')}/?$`),
  methods,
}));

/**
 * Refusals the API answers itself before Next routes the request, so that they are problem
 * documents like every other error: a path whose percent-escapes do not decode (Next answers a
 * plain 500), and a method the path does not serve (Next answers an empty 405).
 */
export function refuseBeforeRouting(method: string, url: string): Response | null {
  const pathname = url.split(/[?#]/, 1)[0]!;
  if (!pathname.startsWith('/api/')) return null;
  try {
    decodeURIComponent(pathname);
  } catch {
    return problem(400, 'Bad Request', 'The path has a malformed percent-escape.');
  }
  const matching = routes.filter((r) => r.pattern.test(pathname));
  if (matching.length === 0) return null;
  const allowed = new Set(matching.flatMap((r) => [...r.methods]));
  if (allowed.has('GET')) allowed.add('HEAD');
  allowed.add('OPTIONS');
  if (allowed.has(method)) return null;
  const allow = [...allowed].join(', ');
  return problem(
    405,
    'Method Not Allowed',
    `${method} is not served here; use ${allow}.`,
    {},
    { allow },
  );
}
