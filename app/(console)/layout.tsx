import type { ReactNode } from 'react';
import { AppSidebar } from '@/components/layout/app-sidebar';
import { SiteHeader } from '@/components/layout/site-header';
import { signOutAction } from '../(auth)/actions';
import { getDb } from '@/db/client';
import { getOrg } from '@/db/queries/orgs';
import { requireConsole } from '@/lib/auth/guards';

// The shell. Each page runs its own guard too: layouts do not re-run on client navigation.
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await requireConsole('read');
  const org = await getOrg(getDb(), actor.orgId);
  return (
    <div className="min-h-screen">
      <AppSidebar orgName={org?.name ?? ''} />
      <div className="lg:pl-60">
        <SiteHeader
          user={{ name: actor.name, email: actor.email, role: actor.role }}
          signOut={signOutAction}
        />
        <main className="mx-auto max-w-7xl px-4 py-8 lg:px-8">{children}</main>
      </div>
    </div>
  );
}
