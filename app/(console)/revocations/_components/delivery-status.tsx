import { CircleAlert, CircleCheck, Clock, Radio } from 'lucide-react';
import type { DeliveryTone } from '@/lib/revocations/delivery-status';
import { cn } from '@/lib/utils';

const icons = { success: CircleCheck, warning: Clock, danger: CircleAlert, neutral: Radio };
const colors = {
  success: 'text-success',
  warning: 'text-warning',
  danger: 'text-danger',
  neutral: 'text-fg-muted',
};

/** Where an entry's push stands, in words, with an icon that repeats the tone for the eye. */
export function DeliveryStatus({
  tone,
  text,
  title,
}: {
  tone: DeliveryTone;
  text: string;
  /** the longer words, on hover */
  title?: string;
}) {
  const Icon = icons[tone];
  return (
    <span className="flex items-start gap-1.5 text-sm" title={title}>
      <Icon aria-hidden className={cn('mt-0.5 size-4 shrink-0', colors[tone])} />
      <span className={tone === 'neutral' ? 'text-fg-muted' : 'text-fg'}>{text}</span>
    </span>
  );
}
