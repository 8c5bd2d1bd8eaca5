import { ShieldAlert } from 'lucide-react';
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';

export default function Forbidden() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="max-w-md text-center">
        <ShieldAlert className="mx-auto size-10 text-danger" aria-hidden />
        <h1 className="mt-4 text-xl font-semibold">You do not have access to this page</h1>
        <p className="mt-2 text-sm text-fg-muted">
          Your role does not allow it. An owner of this hub can change your role in Settings.
        </p>
        <Link href="/" className={`${buttonClasses('secondary')} mt-6`}>
          Back to the overview
        </Link>
      </div>
    </main>
  );
}
