import Link from 'next/link';
import { BrandIcon } from './nav-items';

export function Brand({ href = '/' }: { href?: string }) {
  return (
    <Link
      href={href}
      aria-label="Agent Identity Hub"
      className="flex items-center gap-2 font-semibold text-fg"
    >
      <span className="flex size-7 items-center justify-center rounded-md bg-accent text-accent-fg">
        <BrandIcon className="size-4" aria-hidden />
      </span>
      <span className="hidden truncate sm:inline">Agent Identity Hub</span>
    </Link>
  );
}
