import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { Card } from './card';
import { formatCount } from '@/lib/format';

export function StatCard({
  label,
  value,
  icon: Icon,
  detail,
}: {
  label: string;
  value: number;
  icon: LucideIcon;
  detail?: ReactNode;
}) {
  return (
    <Card className="p-5">
      <div className="flex items-center justify-between gap-3">
        <p className="text-sm font-medium text-fg-muted">{label}</p>
        <Icon className="size-4 text-fg-muted" aria-hidden />
      </div>
      <p className="mt-2 text-3xl font-semibold tabular-nums text-fg">{formatCount(value)}</p>
      {detail ? <p className="mt-1 line-clamp-2 text-xs text-fg-muted">{detail}</p> : null}
    </Card>
  );
}
