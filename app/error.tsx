'use client';

import { Button } from '@/components/ui/button';

export default function ErrorPage({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <main className="flex min-h-[60vh] items-center justify-center px-4">
      <div className="max-w-md text-center">
        <h1 className="text-xl font-semibold">Something went wrong on our side</h1>
        <p className="mt-2 text-sm text-fg-muted">
          Nothing you did caused this. The hub logged the error; try again in a moment.
        </p>
        <Button variant="secondary" className="mt-6" onClick={reset}>
          Try again
        </Button>
      </div>
    </main>
  );
}
