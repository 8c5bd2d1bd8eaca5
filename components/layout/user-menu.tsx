import { LogOut } from 'lucide-react';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import type { ConsoleRole } from '@/lib/constants';
import { roleLabels } from '@/lib/auth/roles';

/** `signOut` is the app's sign-out action: components/ imports nothing from app/. */
export function UserMenu({
  name,
  email,
  role,
  signOut,
}: {
  name: string | null;
  email: string;
  role?: ConsoleRole;
  signOut: () => Promise<void>;
}) {
  return (
    <div className="flex min-w-0 items-center gap-3">
      {role ? (
        // Console users manage their own password; end users sign in through their provider.
        <Link
          href="/change-password"
          title="Change your password"
          className="hidden min-w-0 text-right hover:underline sm:block"
        >
          <Identity name={name} email={email} />
        </Link>
      ) : (
        <div className="hidden min-w-0 text-right sm:block">
          <Identity name={name} email={email} />
        </div>
      )}
      {role ? (
        <Badge tone={role === 'auditor' ? 'neutral' : 'accent'}>{roleLabels[role]}</Badge>
      ) : null}
      <form action={signOut}>
        <button
          type="submit"
          className="flex items-center gap-1.5 rounded-md px-2.5 py-1.5 text-sm whitespace-nowrap text-fg-muted hover:bg-surface-muted hover:text-fg"
        >
          <LogOut className="size-4" aria-hidden />
          Sign out
        </button>
      </form>
    </div>
  );
}

function Identity({ name, email }: { name: string | null; email: string }) {
  return (
    <>
      <span className="block truncate text-sm font-medium text-fg">{name ?? email}</span>
      {name ? <span className="block truncate text-xs text-fg-muted">{email}</span> : null}
    </>
  );
}
