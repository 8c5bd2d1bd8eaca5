import type { Browser, Page, Request } from '@playwright/test';

/** Submits a form as a role allowed to, and keeps the raw server-action request for replay. */
export async function captureAction(page: Page, submit: () => Promise<void>): Promise<Request> {
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST' && Boolean(r.headers()['next-action'])),
    submit(),
  ]);
  return request;
}

/** The same server-action request, sent from another session (or none); the answer's body. */
export async function replayAs(
  browser: Browser,
  storageState: string | undefined,
  request: Request,
): Promise<string> {
  // Spelled out: a context made in a test otherwise takes the file's storageState.
  const context = await browser.newContext({
    storageState: storageState ?? { cookies: [], origins: [] },
  });
  const headers = request.headers();
  const response = await context.request.post(request.url(), {
    headers: {
      'next-action': headers['next-action']!,
      'content-type': headers['content-type']!,
      accept: 'text/x-component',
      ...(headers['next-router-state-tree']
        ? { 'next-router-state-tree': headers['next-router-state-tree'] }
        : {}),
    },
    data: request.postDataBuffer()!,
  });
  const body = await response.text();
  await context.close();
  return body;
}
