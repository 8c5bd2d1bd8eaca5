'use client';

import { Bot } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { safeLogoUrl } from '@/lib/agents/hosts';
import { cn } from '@/lib/utils';

/**
 * A third party's logo, loaded by the browser only (https, no referrer); the hub never fetches
 * it. A logo that does not load shows the generic icon rather than a broken image. `src` goes
 * through safeLogoUrl here as well, so no caller can hand the browser a javascript:, data: or
 * private-network address.
 */
export function AgentLogo({ src: given, size = 'md' }: { src: string | null; size?: 'sm' | 'md' }) {
  const src = safeLogoUrl(given);
  const [failed, setFailed] = useState(false);
  const image = useRef<HTMLImageElement>(null);
  useEffect(() => {
    // An image that failed before hydration fired its error event before React listened.
    const img = image.current;
    if (img?.complete && img.naturalWidth === 0) setFailed(true);
  }, []);
  return (
    <div
      className={cn(
        'flex shrink-0 items-center justify-center overflow-hidden rounded-lg border border-border bg-surface-muted',
        size === 'md' ? 'size-12' : 'size-10',
      )}
    >
      {src && !failed ? (
        // eslint-disable-next-line @next/next/no-img-element -- never proxied through the hub
        <img
          ref={image}
          src={src}
          alt=""
          referrerPolicy="no-referrer"
          onError={() => setFailed(true)}
          className="size-full object-contain"
        />
      ) : (
        <Bot className={cn('text-fg-muted', size === 'md' ? 'size-6' : 'size-5')} aria-hidden />
      )}
    </div>
  );
}
