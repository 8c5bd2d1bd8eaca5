import Link from 'next/link';
import { Ago, StateBadge } from '@/components/ui/grant-display';
import type { FamilyToken } from '@/db/queries/token-relations';
import { cn } from '@/lib/utils';
import { tokenTypeLabels } from '@/lib/grants/labels';

type Node = FamilyToken & { children: Node[] };
type Line = { node: Node; depth: number; parent: Node | null };

/**
 * Orders a family as a tree by parent_ref. A refresh rotation chain would nest one level per
 * refresh (hundreds for a month-old session), so the one child that carries the chain on stays at
 * its parent's depth, marked with its parent; only the other children and real branches (a
 * refresh token presented twice) are indented.
 */
function linesOf(rows: FamilyToken[]): Line[] {
  const nodes = new Map<string, Node>(rows.map((r) => [r.tokenRef, { ...r, children: [] }]));
  const roots: Node[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentRef ? nodes.get(node.parentRef) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const lines: Line[] = [];
  const seen = new Set<Node>();
  const walk = (node: Node, depth: number, parent: Node | null) => {
    if (seen.has(node)) return;
    seen.add(node);
    lines.push({ node, depth, parent });
    const branches = node.children.filter((c) => c.children.length > 0);
    for (const leaf of node.children.filter((c) => c.children.length === 0)) {
      walk(leaf, depth + 1, node);
    }
    for (const child of branches) walk(child, branches.length === 1 ? depth : depth + 1, node);
  };
  for (const root of roots) walk(root, 0, null);
  return lines;
}

const short = (ref: string) => (ref.length > 14 ? `${ref.slice(0, 12)}…` : ref);

export function FamilyTree({
  rows,
  total,
  currentId,
  now,
}: {
  rows: FamilyToken[];
  total: number;
  currentId: string;
  now: Date;
}) {
  const lines = linesOf(rows);
  return (
    <div>
      <ol
        aria-label="Refresh family"
        className="max-h-[32rem] divide-y divide-border overflow-y-auto"
      >
        {lines.map(({ node, depth, parent }) => {
          const current = node.id === currentId;
          return (
            <li
              key={node.id}
              aria-current={current ? 'true' : undefined}
              className={cn('flex items-center gap-3 py-2 pr-5', current && 'bg-accent-soft')}
              style={{ paddingLeft: `${1.25 + Math.min(depth, 6) * 1.25}rem` }}
            >
              <StateBadge state={node.state} />
              <div className="min-w-0 flex-1">
                {current ? (
                  <span
                    className="block truncate font-mono text-xs font-semibold"
                    title={node.tokenRef}
                  >
                    {node.tokenRef}{' '}
                    <span className="font-sans font-normal text-fg-muted">(this token)</span>
                  </span>
                ) : (
                  <Link
                    href={`/tokens/${node.id}`}
                    className="block truncate font-mono text-xs text-accent hover:underline"
                    title={node.tokenRef}
                  >
                    {node.tokenRef}
                  </Link>
                )}
                <span className="block truncate text-xs text-fg-muted">
                  {node.tokenType ? tokenTypeLabels[node.tokenType] : 'token'}
                  {parent ? ` · from ${short(parent.tokenRef)}` : ''} ·{' '}
                  <Ago date={node.issuedAt} now={now} empty="issue not reported" />
                  {node.revokedBy ? ` · ended by ${node.revokedBy}` : ''}
                </span>
              </div>
            </li>
          );
        })}
      </ol>
      {total > rows.length ? (
        <p className="border-t border-border px-5 py-2 text-sm text-fg-muted">
          Showing the first {rows.length} of {total} tokens of this family.
        </p>
      ) : null}
    </div>
  );
}
