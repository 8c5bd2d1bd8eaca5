import type { ReactNode } from 'react';
import { Brand } from '@/components/layout/brand';
import { ThemeToggle } from '@/components/layout/theme-toggle';
import { UserMenu } from '@/components/layout/user-menu';
import { requireEndUser } from '@/lib/auth/guards';
import { signOutAction } from '../(auth)/actions';

export default async function AccountLayout({ children }: { children: ReactNode }) {
  const user = await requireEndUser();
  return (
    <div className="min-h-screen">
      <header className="sticky top-0 z-20 flex h-14 items-center gap-3 border-b border-border bg-surface/90 px-4 backdrop-blur sm:px-6">
        <Brand href="/account" />
        <div className="ml-auto flex min-w-0 items-center gap-3">
          <ThemeToggle />
          <UserMenu name={user.name} email={user.email ?? user.sub} signOut={signOutAction} />
        </div>
      </header>
      <main className="mx-auto max-w-3xl px-4 py-8">{children}</main>
    </div>
  );
}
