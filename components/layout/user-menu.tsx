import { LogOut } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import type { ConsoleRole } from '@/lib/constants';
import { roleLabels } from '@/lib/auth/roles';
import { signOutAction } from '@/app/(auth)/actions';

export function UserMenu({
  name,
  email,
  role,
}: {
  name: string | null;
  email: string;
  role?: ConsoleRole;
}) {
  return (
    <div className="flex min-w-0 items-center gap-3">
      <div className="hidden min-w-0 text-right sm:block">
        <p className="truncate text-sm font-medium text-fg" title={email}>
          {name ?? email}
        </p>
        {name ? (
          <p className="truncate text-xs text-fg-muted" title={email}>
            {email}
          </p>
        ) : null}
      </div>
      {role ? (
        <Badge tone={role === 'auditor' ? 'neutral' : 'accent'}>{roleLabels[role]}</Badge>
      ) : null}
      <form action={signOutAction}>
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
