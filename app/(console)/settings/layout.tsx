import type { ReactNode } from 'react';
import { PageHeader } from '@/components/ui/page-header';
import { SettingsTabs } from './_components/settings-tabs';

export default function SettingsLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <PageHeader
        title="Settings"
        description="Who may use this console, the API tokens automation uses, how long the audit trail is kept, and where you are signed in."
      />
      <SettingsTabs />
      {children}
    </>
  );
}
