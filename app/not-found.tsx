import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';

export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="max-w-md text-center">
        <p className="font-mono text-sm text-fg-muted">404</p>
        <h1 className="mt-2 text-xl font-semibold">This page does not exist</h1>
        <p className="mt-2 text-sm text-fg-muted">
          It may have been removed, or the link is mistyped.
        </p>
        <Link href="/" className={`${buttonClasses('secondary')} mt-6`}>
          Back to the overview
        </Link>
      </div>
    </main>
  );
}
