import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  findUserByOidcForSignIn,
  getConsoleUser,
  insertConsoleUser,
  updateConsoleUser,
} from '@/db/queries/console-users';
import { ensureDefaultOrg } from '@/db/queries/orgs';
import { auditEvents } from '@/db/schema';
import { loadConfig, type OidcConfig } from '@/lib/config/env';
import { createTestOrg, unique, uniqueEmail, setupTestDatabase } from '@/lib/testing/fixtures';
import { resolveSsoSignIn, roleFromClaims, type OidcClaims } from './sso-sign-in';

const database = setupTestDatabase();
const oidc: OidcConfig = loadConfig({
  AUTH_OIDC_ISSUER: 'https://idp.example',
  AUTH_OIDC_CLIENT_ID: 'hub',
  AUTH_OIDC_CLIENT_SECRET: 'secret',
}).oidc!;

function person(groups: string[] = [], extra: Partial<OidcClaims> = {}): OidcClaims {
  return {
    sub: unique('sub'),
    email: uniqueEmail('Sso'),
    email_verified: true,
    name: 'Ada Lovelace',
    groups,
    ...extra,
  };
}

async function auditOf(orgId: string, type: string, userId: string) {
  const rows = await database()
    .db.select({ summary: auditEvents.summary, data: auditEvents.data })
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.type, type)));
  return rows.filter((r) => (r.data as { userId?: string }).userId === userId);
}

describe('roleFromClaims', () => {
  it('maps the configured claim values to roles', () => {
    expect(roleFromClaims(oidc, { groups: ['staff', 'hub-admins'] })).toBe('admin');
    expect(roleFromClaims(oidc, { groups: ['hub-auditors'] })).toBe('auditor');
    expect(roleFromClaims(oidc, { groups: ['staff'] })).toBeNull();
    expect(roleFromClaims(oidc, {})).toBeNull();
    expect(roleFromClaims(oidc, { groups: [42, null, { name: 'hub-owners' }] })).toBeNull();
  });

  it('gives the highest role when several values match', () => {
    expect(roleFromClaims(oidc, { groups: ['hub-auditors', 'hub-owners', 'hub-admins'] })).toBe(
      'owner',
    );
    expect(roleFromClaims(oidc, { groups: ['hub-auditors', 'hub-admins'] })).toBe('admin');
  });

  it('splits a string claim on spaces and commas', () => {
    expect(roleFromClaims(oidc, { groups: 'staff hub-auditors,hub-admins' })).toBe('admin');
    expect(roleFromClaims(oidc, { groups: 'hub-admins-extra' })).toBeNull();
  });

  it('reads the configured claim only', () => {
    const custom = { ...oidc, roleClaim: 'roles' };
    expect(roleFromClaims(custom, { groups: ['hub-owners'] })).toBeNull();
    expect(roleFromClaims(custom, { roles: ['hub-owners'] })).toBe('owner');
  });
});

describe('resolveSsoSignIn', () => {
  it('creates a console user from a role claim, and the role follows the claim', async () => {
    const { db } = database();
    const claims = person(['hub-admins']);
    const first = await resolveSsoSignIn(db, oidc, claims);
    const org = await ensureDefaultOrg(db);
    if (!first.ok || first.session.kind !== 'console')
      throw new Error('expected a console session');
    expect(first.session.orgId).toBe(org.id);
    expect(first.label).toBe(String(claims.email).toLowerCase());
    const user = await getConsoleUser(db, org.id, first.session.userId);
    expect(user).toMatchObject({
      role: 'admin',
      roleFromSso: true,
      hasSso: true,
      hasPassword: false,
    });
    expect(await auditOf(org.id, 'user.created', first.session.userId)).toHaveLength(1);

    const promoted = await resolveSsoSignIn(db, oidc, { ...claims, groups: ['hub-owners'] });
    expect(promoted).toMatchObject({ ok: true, session: { kind: 'console', userId: user?.id } });
    expect((await getConsoleUser(db, org.id, first.session.userId))?.role).toBe('owner');
    expect(await auditOf(org.id, 'user.role_changed', first.session.userId)).toHaveLength(1);

    const removed = await resolveSsoSignIn(db, oidc, { ...claims, groups: [] });
    expect(removed).toEqual({
      ok: true,
      label: String(claims.email).toLowerCase(),
      session: {
        kind: 'end_user',
        orgId: org.id,
        issuer: oidc.issuer,
        sub: claims.sub,
        name: 'Ada Lovelace',
        email: String(claims.email).toLowerCase(),
        demo: false,
      },
    });
  });

  it('signs in someone without a role as an end user, creating no console user', async () => {
    const { db } = database();
    const claims = person(['staff'], {
      email: undefined,
      email_verified: undefined,
      name: undefined,
    });
    const result = await resolveSsoSignIn(db, oidc, claims);
    expect(result).toMatchObject({
      ok: true,
      label: claims.sub,
      session: { kind: 'end_user', issuer: oidc.issuer, sub: claims.sub, email: null, name: null },
    });
    expect(await findUserByOidcForSignIn(db, oidc.issuer, String(claims.sub))).toBeNull();
  });

  it('links a user the owner added with the same verified email; the database role stays', async () => {
    const { db } = database();
    const org = await createTestOrg(db);
    const claims = person([]);
    const added = await insertConsoleUser(db, org.id, {
      email: String(claims.email),
      role: 'auditor',
    });
    const result = await resolveSsoSignIn(db, oidc, claims);
    expect(result).toEqual({
      ok: true,
      label: added.email,
      session: { kind: 'console', userId: added.id, orgId: org.id },
    });
    const linked = await findUserByOidcForSignIn(db, oidc.issuer, String(claims.sub));
    expect(linked).toMatchObject({
      id: added.id,
      role: 'auditor',
      roleFromSso: false,
      name: 'Ada Lovelace',
    });
  });

  it('accepts email_verified sent as the string "true"', async () => {
    const { db } = database();
    const org = await createTestOrg(db);
    const claims = person([], { email_verified: 'true' });
    const added = await insertConsoleUser(db, org.id, {
      email: String(claims.email),
      role: 'admin',
    });
    expect(await resolveSsoSignIn(db, oidc, claims)).toMatchObject({
      session: { kind: 'console', userId: added.id },
    });
  });

  it('does not link on an unverified email', async () => {
    const { db } = database();
    const org = await createTestOrg(db);
    const claims = person([], { email_verified: false });
    const added = await insertConsoleUser(db, org.id, {
      email: String(claims.email),
      role: 'owner',
    });
    const result = await resolveSsoSignIn(db, oidc, claims);
    expect(result).toMatchObject({ ok: true, session: { kind: 'end_user', sub: claims.sub } });
    expect(await getConsoleUser(db, org.id, added.id)).toMatchObject({ hasSso: false });

    // With a role claim it must not take over the existing account either: the claim makes an
    // account of the default org of its own (an email may have an account in several orgs).
    const claimed = await resolveSsoSignIn(db, oidc, { ...claims, groups: ['hub-admins'] });
    expect(claimed).toMatchObject({ ok: true, session: { kind: 'console' } });
    const made = await findUserByOidcForSignIn(db, oidc.issuer, String(claims.sub));
    expect(made).toMatchObject({ role: 'admin', roleFromSso: true });
    expect(made?.id).not.toBe(added.id);
    expect(made?.orgId).not.toBe(org.id);
    expect(await getConsoleUser(db, org.id, added.id)).toMatchObject({
      hasSso: false,
      role: 'owner',
    });
  });

  it('does not move an account already linked to another identity', async () => {
    const { db } = database();
    const original = person(['hub-admins']);
    const first = await resolveSsoSignIn(db, oidc, original);
    if (!first.ok || first.session.kind !== 'console')
      throw new Error('expected a console session');
    const impostor = person([], { email: original.email });
    const result = await resolveSsoSignIn(db, oidc, impostor);
    expect(result).toMatchObject({ ok: true, session: { kind: 'end_user', sub: impostor.sub } });
    const user = await findUserByOidcForSignIn(db, oidc.issuer, String(original.sub));
    expect(user?.id).toBe(first.session.userId);
    expect(await findUserByOidcForSignIn(db, oidc.issuer, String(impostor.sub))).toBeNull();
  });

  it('refuses a disabled console user', async () => {
    const { db } = database();
    const claims = person(['hub-admins']);
    const first = await resolveSsoSignIn(db, oidc, claims);
    if (!first.ok || first.session.kind !== 'console')
      throw new Error('expected a console session');
    await updateConsoleUser(db, first.session.orgId, first.session.userId, { status: 'disabled' });
    expect(await resolveSsoSignIn(db, oidc, claims)).toEqual({
      ok: false,
      reason: 'account disabled',
    });
  });

  it('refuses claims without a sub, and a console role without an email', async () => {
    const { db } = database();
    expect(await resolveSsoSignIn(db, oidc, person([], { sub: undefined }))).toMatchObject({
      ok: false,
    });
    const noEmail = person(['hub-admins'], { email: undefined });
    expect(await resolveSsoSignIn(db, oidc, noEmail)).toMatchObject({ ok: false });
    expect(await findUserByOidcForSignIn(db, oidc.issuer, String(noEmail.sub))).toBeNull();
  });
});
