import type { Metadata } from 'next';
import { Card, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { getOrg } from '@/db/queries/orgs';
import { requireConsole } from '@/lib/auth/guards';
import { can } from '@/lib/auth/roles';
import { formatDateTime } from '@/lib/format';
import { RetentionForm } from './_components/retention-form';

export const metadata: Metadata = { title: 'Settings' };

export default async function OrganizationSettingsPage() {
  const actor = await requireConsole('read');
  const org = (await getOrg(getDb(), actor.orgId))!;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card>
        <CardHeader
          title="Organization"
          description="The tenant every agent, consent and event of this console belongs to."
        />
        <dl className="divide-y divide-border text-sm">
          {[
            ['Name', org.name],
            ['Identifier', org.slug],
            ['Created', formatDateTime(org.createdAt)],
            ['Demo data', org.demoMode ? 'On: the demo feeds this organization' : 'Off'],
          ].map(([label, value]) => (
            <div key={label} className="flex justify-between gap-4 px-5 py-3">
              <dt className="text-fg-muted">{label}</dt>
              <dd className="truncate text-right font-medium" title={value}>
                {value}
              </dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card>
        <CardHeader title="Audit retention" description="How long the audit trail keeps events." />
        <RetentionForm retentionDays={org.retentionDays} canWrite={can(actor.role, 'write')} />
      </Card>
    </div>
  );
}
