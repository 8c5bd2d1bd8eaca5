'use client';

import { Menu, X } from 'lucide-react';
import { useState } from 'react';
import { NavLinks } from './app-sidebar';

/** Below the large breakpoint the sidebar folds into this menu button. */
export function MobileNav() {
  const [open, setOpen] = useState(false);
  return (
    <div className="lg:hidden">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="mobile-nav"
        onClick={() => setOpen((o) => !o)}
        className="rounded-md p-2 text-fg-muted hover:bg-surface-muted hover:text-fg"
      >
        {open ? <X className="size-5" aria-hidden /> : <Menu className="size-5" aria-hidden />}
        <span className="sr-only">{open ? 'Close menu' : 'Open menu'}</span>
      </button>
      {open ? (
        <nav
          id="mobile-nav"
          aria-label="Console"
          className="absolute inset-x-0 top-14 z-30 border-b border-border bg-surface p-3 shadow-lg"
        >
          <NavLinks onNavigate={() => setOpen(false)} />
        </nav>
      ) : null}
    </div>
  );
}
