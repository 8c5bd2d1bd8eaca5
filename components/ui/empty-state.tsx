import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';

/**
 * What an empty page says: what will appear here, where it comes from, and the next step.
 * `preview` lists the columns or facts the page will show once there is data.
 */
export function EmptyState({
  icon: Icon,
  title,
  children,
  preview,
  action,
}: {
  icon: LucideIcon;
  title: string;
  children: ReactNode;
  preview?: string[];
  action?: ReactNode;
}) {
  return (
    <div className="rounded-lg border border-dashed border-border bg-surface px-6 py-12 text-center">
      <div className="mx-auto flex size-12 items-center justify-center rounded-full bg-accent-soft text-accent">
        <Icon className="size-6" aria-hidden />
      </div>
      <h2 className="mt-4 text-base font-semibold text-fg">{title}</h2>
      <div className="mx-auto mt-2 max-w-xl text-sm text-fg-muted">{children}</div>
      {preview?.length ? (
        <ul
          className="mx-auto mt-5 flex max-w-2xl flex-wrap justify-center gap-2"
          aria-label="What this page will show"
        >
          {preview.map((item) => (
            <li
              key={item}
              className="rounded-full border border-border bg-surface-muted px-3 py-1 text-xs text-fg-muted"
            >
              {item}
            </li>
          ))}
        </ul>
      ) : null}
      {action ? <div className="mt-6 flex justify-center gap-2">{action}</div> : null}
    </div>
  );
}
