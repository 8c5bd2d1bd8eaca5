'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useTransition } from 'react';

export type ParamChanges = Record<string, string | null | undefined>;

/**
 * The console's tables keep their state in the URL (see lib/tables/table-params.ts). `hrefWith`
 * builds a link to the same page with some parameters changed (null removes one); `navigate` goes
 * there without scrolling, and `pending` is true until the server has answered.
 */
export function useUrlState() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  const hrefWith = useCallback(
    (changes: ParamChanges, options: { keepPage?: boolean } = {}) => {
      const next = new URLSearchParams(searchParams.toString());
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === undefined || value === '') next.delete(key);
        else next.set(key, value);
      }
      // Any change of what is shown starts again at the first page.
      if (!options.keepPage && !('page' in changes)) next.delete('page');
      if (!options.keepPage && !('cursor' in changes)) next.delete('cursor');
      const query = next.toString();
      return query ? `${pathname}?${query}` : pathname;
    },
    [pathname, searchParams],
  );

  const navigate = useCallback(
    (changes: ParamChanges, options: { keepPage?: boolean } = {}) => {
      const href = hrefWith(changes, options);
      startTransition(() => router.replace(href, { scroll: false }));
    },
    [hrefWith, router],
  );

  return { searchParams, hrefWith, navigate, pending };
}
