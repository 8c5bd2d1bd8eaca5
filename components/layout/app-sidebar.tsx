'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/lib/utils';
import { consoleNav } from './nav-items';
import { Brand } from './brand';

function isActive(pathname: string, href: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

export function NavLinks({ onNavigate }: { onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <ul className="space-y-0.5">
      {consoleNav.map(({ href, label, icon: Icon }) => {
        const active = isActive(pathname, href);
        return (
          <li key={href}>
            <Link
              href={href}
              onClick={onNavigate}
              aria-current={active ? 'page' : undefined}
              className={cn(
                'flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium transition',
                active
                  ? 'bg-accent-soft text-accent'
                  : 'text-fg-muted hover:bg-surface-muted hover:text-fg',
              )}
            >
              <Icon className="size-4 shrink-0" aria-hidden />
              {label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

export function AppSidebar({ orgName }: { orgName: string }) {
  return (
    <aside className="fixed inset-y-0 left-0 hidden w-60 flex-col border-r border-border bg-surface lg:flex">
      <div className="flex h-14 items-center border-b border-border px-4">
        <Brand />
      </div>
      <nav aria-label="Console" className="flex-1 overflow-y-auto p-3">
        <NavLinks />
      </nav>
      <div className="border-t border-border px-4 py-3 text-xs text-fg-muted">
        <span className="block truncate" title={orgName}>
          {orgName}
        </span>
      </div>
    </aside>
  );
}
