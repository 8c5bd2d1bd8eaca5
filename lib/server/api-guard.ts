import { problem } from '@/lib/http/problem';

/**
 * Refusals the API answers itself before Next routes the request, so that they are problem
 * documents like every other error: a path whose percent-escapes do not decode (Next answers a
 * plain 500). A method the path does not serve is the route file's own 405 (lib/api/methods.ts).
 */
export function refuseBeforeRouting(url: string): Response | null {
  const pathname = url.split(/[?#]/, 1)[0]!;
  if (!pathname.startsWith('/api/')) return null;
  try {
    decodeURIComponent(pathname);
  } catch {
    return problem(400, 'Bad Request', 'The path has a malformed percent-escape.');
  }
  return null;
}
