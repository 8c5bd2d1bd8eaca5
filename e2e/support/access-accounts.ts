/** The console accounts e2e/support/seed-access-hub.ts makes for the access hub. */
export const accessAccounts = {
  owner: {
    email: 'owner@access.test',
    password: 'owner passphrase of the access hub',
    role: 'owner',
  },
  admin: {
    email: 'admin@access.test',
    password: 'admin passphrase of the access hub',
    role: 'admin',
  },
  auditor: {
    email: 'auditor@access.test',
    password: 'auditor passphrase of the access hub',
    role: 'auditor',
  },
  other_org_admin: {
    email: 'admin@other-org.test',
    password: 'other org admin passphrase',
    role: 'admin',
  },
} as const;
