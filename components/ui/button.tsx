import type { ButtonHTMLAttributes } from 'react';
import { cn } from '@/lib/utils';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

const variants: Record<ButtonVariant, string> = {
  primary: 'bg-accent text-accent-fg hover:opacity-90 shadow-sm',
  secondary: 'border border-border bg-surface text-fg hover:bg-surface-muted shadow-sm',
  danger: 'bg-danger text-white hover:opacity-90 shadow-sm dark:text-bg',
  ghost: 'text-fg-muted hover:bg-surface-muted hover:text-fg',
};

export function buttonClasses(
  variant: ButtonVariant = 'primary',
  size: 'sm' | 'md' = 'md',
): string {
  return cn(
    'inline-flex items-center justify-center gap-2 rounded-md font-medium whitespace-nowrap transition disabled:cursor-not-allowed disabled:opacity-50',
    size === 'sm' ? 'h-8 px-3 text-sm' : 'h-10 px-4 text-sm',
    variants[variant],
  );
}

export function Button({
  variant = 'primary',
  size = 'md',
  className,
  type = 'button',
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; size?: 'sm' | 'md' }) {
  return <button type={type} className={cn(buttonClasses(variant, size), className)} {...props} />;
}
