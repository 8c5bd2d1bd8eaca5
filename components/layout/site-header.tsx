import type { ConsoleRole } from '@/lib/constants';
import { Brand } from './brand';
import { MobileNav } from './mobile-nav';
import { ThemeToggle } from './theme-toggle';
import { UserMenu } from './user-menu';

export function SiteHeader({
  user,
  signOut,
}: {
  user: { name: string | null; email: string; role?: ConsoleRole };
  signOut: () => Promise<void>;
}) {
  return (
    <header className="sticky top-0 z-20 flex h-14 items-center gap-3 border-b border-border bg-surface/90 px-4 backdrop-blur lg:px-6">
      <MobileNav />
      <div className="lg:hidden">
        <Brand />
      </div>
      <div className="ml-auto flex min-w-0 items-center gap-3">
        <ThemeToggle />
        <UserMenu {...user} signOut={signOut} />
      </div>
    </header>
  );
}
