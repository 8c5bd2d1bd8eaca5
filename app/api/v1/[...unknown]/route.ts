import { problem } from '@/lib/http/problem';

export const dynamic = 'force-dynamic';

/**
 * Any path under /api/v1 that no route serves: a 404 problem document, like every other API
 * refusal, instead of the console's HTML not-found page. Next prefers every static and dynamic
 * route over a catch-all, so this never shadows one; it is not an operation of the API (the
 * OpenAPI document and the access table leave it out, see lib/access/discover.ts).
 */
function notFound(request: Request): Response {
  const path = new URL(request.url).pathname;
  return problem(
    404,
    'Not Found',
    `No API call is served at ${path.slice(0, 200)}; see /api/v1/openapi.json for those that are.`,
  );
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
