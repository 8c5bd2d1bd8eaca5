import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { VerificationBadge } from '@/components/ui/status-badges';
import type { AgentDetail } from '@/lib/agents/detail';
import { When } from '../../_components/when';

/** Other registrations of the same client (DCR clients register again on every install). */
export function FamilyCard({
  family,
  familyKey,
  now,
}: {
  family: AgentDetail['family'];
  familyKey: string | null;
  now: Date;
}) {
  return (
    <Card>
      <CardHeader
        title="Other instances"
        description={
          family.length === 0
            ? 'No other registration of this client.'
            : `${family.length} other registration${family.length === 1 ? '' : 's'} of the same client.`
        }
        actions={
          familyKey && family.length ? (
            <Link
              href={`/agents?family=${encodeURIComponent(familyKey)}&deleted=1`}
              className="text-sm text-accent hover:underline"
            >
              As a table
            </Link>
          ) : null
        }
      />
      {family.length ? (
        <ul className="divide-y divide-border">
          {family.map((f) => (
            <li key={f.id} className="space-y-1 px-5 py-2.5 text-sm">
              <Link
                href={`/agents/${f.id}`}
                className="block truncate font-mono text-xs hover:text-accent hover:underline"
                title={f.clientId}
              >
                {f.clientId}
              </Link>
              <div className="flex flex-wrap items-center gap-1.5 text-xs text-fg-muted">
                <VerificationBadge status={f.verificationStatus} />
                {f.deletedAt ? (
                  <Badge>deleted</Badge>
                ) : f.idle ? (
                  <Badge>idle {'>'} 30 days</Badge>
                ) : null}
                {f.softwareVersion ? <span>v{f.softwareVersion}</span> : null}
                <span>
                  registered <When at={f.registeredAt} now={now} never="—" />
                </span>
                <span>
                  · seen <When at={f.lastSeenAt} now={now} never="never" />
                </span>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}
