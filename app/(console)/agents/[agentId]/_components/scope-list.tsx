import { Badge } from '@/components/ui/badge';

/** A few scopes as chips, the rest counted; the whole list is in the title. */
export function ScopeList({ scopes, shown = 3 }: { scopes: string[]; shown?: number }) {
  if (scopes.length === 0) return <span className="text-fg-muted">—</span>;
  const rest = scopes.length - shown;
  return (
    <span className="flex min-w-0 flex-wrap gap-1" title={scopes.join(' ')}>
      {scopes.slice(0, shown).map((s) => (
        <Badge key={s} className="max-w-full truncate font-mono">
          {s}
        </Badge>
      ))}
      {rest > 0 ? <span className="text-xs text-fg-muted">+{rest} more</span> : null}
    </span>
  );
}
