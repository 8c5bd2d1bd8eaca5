import type { Db } from '@/db/client';
import { insertAuditEvent } from '@/lib/audit/record';
import { endSessionsOfUser } from '@/db/queries/console-sessions';
import {
  findUserByEmailInOrg,
  findUsersByEmailForSignIn,
  findUserByOidcForSignIn,
  insertConsoleUser,
  updateConsoleUser,
} from '@/db/queries/console-users';
import { ensureDefaultOrg } from '@/db/queries/orgs';
import type { OidcConfig } from '@/lib/config/env';
import type { ConsoleRole } from '@/lib/constants';
import type { HubSession } from './session';

export type OidcClaims = Record<string, unknown> & {
  sub?: unknown;
  email?: unknown;
  email_verified?: unknown;
  name?: unknown;
};

/** The highest console role the configured claim grants, or null for an end user. */
export function roleFromClaims(config: OidcConfig, claims: OidcClaims): ConsoleRole | null {
  const raw = claims[config.roleClaim];
  const values = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[\s,]+/) : [];
  const roles = values.flatMap((v) =>
    typeof v === 'string' && config.roleValues.has(v) ? [config.roleValues.get(v)!] : [],
  );
  for (const role of ['owner', 'admin', 'auditor'] as const) if (roles.includes(role)) return role;
  return null;
}

export type SsoSignInResult =
  { ok: true; session: HubSession; label: string } | { ok: false; reason: string };

/**
 * Maps a single-sign-on identity to a hub session. The claim decides the role when it grants one
 * (and the role follows the claim at every sign-in); otherwise a console user the owner added with
 * the same verified email keeps the role given in Settings; anyone else is an end user.
 */
export async function resolveSsoSignIn(
  db: Db,
  config: OidcConfig,
  claims: OidcClaims,
): Promise<SsoSignInResult> {
  const sub = typeof claims.sub === 'string' ? claims.sub : null;
  if (!sub) return { ok: false, reason: 'identity provider sent no sub' };
  const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : null;
  const emailVerified = claims.email_verified === true || claims.email_verified === 'true';
  const name = typeof claims.name === 'string' ? claims.name : null;
  const claimRole = roleFromClaims(config, claims);

  return db.transaction(async (tx) => {
    let user = await findUserByOidcForSignIn(tx, config.issuer, sub);
    if (!user && email && emailVerified) {
      // An owner added this person by email: link the one account with that email not linked
      // yet, or, when several orgs have one, the default org's (where single sign-on adds users).
      const unlinked = (await findUsersByEmailForSignIn(tx, email)).filter((u) => !u.oidcSub);
      const defaultOrgId = unlinked.length > 1 ? (await ensureDefaultOrg(tx)).id : null;
      const byEmail =
        unlinked.length > 1 ? unlinked.find((u) => u.orgId === defaultOrgId) : unlinked[0];
      if (byEmail) {
        await updateConsoleUser(tx, byEmail.orgId, byEmail.id, {
          oidcIssuer: config.issuer,
          oidcSub: sub,
        });
        user = byEmail;
      }
    }

    if (user) {
      if (user.status !== 'active') return { ok: false, reason: 'account disabled' };
      if (user.roleFromSso && claimRole === null) {
        // The claim that made this person a console user is gone: they are an end user now.
        return endUser(tx, config, sub, name, email);
      }
      if (claimRole && claimRole !== user.role) {
        await updateConsoleUser(tx, user.orgId, user.id, { role: claimRole, roleFromSso: true });
        // The sessions signed in under the old role end; the one starting now has the new role.
        await endSessionsOfUser(tx, user.orgId, user.id, 'role_changed');
        await insertAuditEvent(tx, user.orgId, {
          type: 'user.role_changed',
          actorType: 'system',
          actorId: 'sso',
          actorLabel: 'Single sign-on claim',
          summary: `${user.email} is now ${claimRole} (was ${user.role}) from the ${config.roleClaim} claim`,
          data: { userId: user.id, from: user.role, to: claimRole, claim: config.roleClaim },
        });
      }
      await updateConsoleUser(tx, user.orgId, user.id, {
        lastSignInAt: new Date(),
        ...(name && !user.name ? { name } : {}),
      });
      return {
        ok: true,
        session: { kind: 'console', userId: user.id, orgId: user.orgId },
        label: user.email,
      };
    }

    if (claimRole) {
      if (!email)
        return { ok: false, reason: 'identity provider sent no email for a console user' };
      const org = await ensureDefaultOrg(tx);
      if (await findUserByEmailInOrg(tx, org.id, email)) {
        return { ok: false, reason: `email ${email} belongs to another console user` };
      }
      const created = await insertConsoleUser(tx, org.id, {
        email,
        name,
        role: claimRole,
        oidcIssuer: config.issuer,
        oidcSub: sub,
        roleFromSso: true,
      });
      await insertAuditEvent(tx, org.id, {
        type: 'user.created',
        actorType: 'system',
        actorId: 'sso',
        actorLabel: 'Single sign-on claim',
        summary: `${email} joined as ${claimRole} through single sign-on`,
        data: { userId: created.id, role: claimRole, claim: config.roleClaim },
      });
      return {
        ok: true,
        session: { kind: 'console', userId: created.id, orgId: org.id },
        label: email,
      };
    }

    return endUser(tx, config, sub, name, email);
  });
}

async function endUser(
  db: Parameters<Parameters<Db['transaction']>[0]>[0],
  config: OidcConfig,
  sub: string,
  name: string | null,
  email: string | null,
): Promise<SsoSignInResult> {
  const org = await ensureDefaultOrg(db);
  return {
    ok: true,
    session: {
      kind: 'end_user',
      orgId: org.id,
      issuer: config.issuer,
      sub,
      name,
      email,
      demo: false,
    },
    label: email ?? sub,
  };
}
