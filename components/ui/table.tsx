import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react';
import { cn } from '@/lib/utils';
import { Card } from './card';

/** A plain server-rendered table in a card, scrolling sideways on narrow screens. */
export function Table({
  children,
  minWidth = '48rem',
  footer,
}: {
  children: ReactNode;
  minWidth?: string;
  footer?: ReactNode;
}) {
  return (
    <Card className="overflow-hidden">
      <div className="overflow-x-auto">
        <table className="w-full table-fixed text-left text-sm" style={{ minWidth }}>
          {children}
        </table>
      </div>
      {footer ? (
        <div className="border-t border-border px-4 py-3 text-sm text-fg-muted">{footer}</div>
      ) : null}
    </Card>
  );
}

export function THead({ children }: { children: ReactNode }) {
  return (
    <thead className="border-b border-border bg-surface-muted text-xs font-medium text-fg-muted">
      <tr>{children}</tr>
    </thead>
  );
}

export function Th({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="col" className={cn('px-4 py-2.5', className)} {...props} />;
}

export function TBody(props: HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className="divide-y divide-border" {...props} />;
}

export function Td({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn('px-4 py-3 align-top', className)} {...props} />;
}

/** One line that never breaks a layout: ellipsis, with the whole value on hover. */
export function Clip({
  value,
  className,
  mono,
}: {
  value: string | null | undefined;
  className?: string;
  mono?: boolean;
}) {
  if (!value) return <span className="text-fg-muted">—</span>;
  return (
    <span className={cn('block truncate', mono && 'font-mono text-xs', className)} title={value}>
      {value}
    </span>
  );
}
