'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { cn } from '@/lib/utils';

const tabs = [
  { href: '/settings', label: 'Organization' },
  { href: '/settings/users', label: 'Console users' },
  { href: '/settings/api-tokens', label: 'API tokens' },
  { href: '/settings/sessions', label: 'Sessions' },
];

export function SettingsTabs() {
  const pathname = usePathname();
  const activeTab = useRef<HTMLAnchorElement>(null);
  // On a phone the last tabs sit past the edge: bring the open one into view.
  useEffect(() => {
    activeTab.current?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [pathname]);
  return (
    <nav aria-label="Settings" className="mb-6 flex gap-1 overflow-x-auto border-b border-border">
      {tabs.map((tab) => {
        const active = pathname === tab.href;
        return (
          <Link
            key={tab.href}
            ref={active ? activeTab : undefined}
            href={tab.href}
            aria-current={active ? 'page' : undefined}
            className={cn(
              '-mb-px border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap',
              active
                ? 'border-accent text-accent'
                : 'border-transparent text-fg-muted hover:text-fg',
            )}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
