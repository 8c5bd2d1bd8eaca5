import { and, asc, eq, sql } from 'drizzle-orm';
import type { ConsoleRole, ConsoleUserStatus } from '../schema/values';
import type { Executor } from '../client';
import { consoleUsers, type ConsoleUser } from '../schema';

/** What the console and API may show of a user: never the password hash. */
export const consoleUserColumns = {
  id: consoleUsers.id,
  orgId: consoleUsers.orgId,
  email: consoleUsers.email,
  name: consoleUsers.name,
  role: consoleUsers.role,
  status: consoleUsers.status,
  roleFromSso: consoleUsers.roleFromSso,
  passwordIsTemporary: consoleUsers.passwordIsTemporary,
  hasPassword: sql<boolean>`${consoleUsers.passwordHash} is not null`,
  hasSso: sql<boolean>`${consoleUsers.oidcSub} is not null`,
  lastSignInAt: consoleUsers.lastSignInAt,
  createdAt: consoleUsers.createdAt,
};
export type ConsoleUserView = {
  id: string;
  orgId: string;
  email: string;
  name: string | null;
  role: ConsoleRole;
  status: ConsoleUserStatus;
  roleFromSso: boolean;
  passwordIsTemporary: boolean;
  hasPassword: boolean;
  hasSso: boolean;
  lastSignInAt: Date | null;
  createdAt: Date;
};

export async function getConsoleUser(
  db: Executor,
  orgId: string,
  userId: string,
): Promise<ConsoleUserView | null> {
  const [row] = await db
    .select(consoleUserColumns)
    .from(consoleUsers)
    .where(and(eq(consoleUsers.orgId, orgId), eq(consoleUsers.id, userId)));
  return row ?? null;
}

export async function listConsoleUsers(db: Executor, orgId: string): Promise<ConsoleUserView[]> {
  return db
    .select(consoleUserColumns)
    .from(consoleUsers)
    .where(eq(consoleUsers.orgId, orgId))
    .orderBy(asc(consoleUsers.createdAt));
}

export async function countOwners(db: Executor, orgId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(consoleUsers)
    .where(
      and(
        eq(consoleUsers.orgId, orgId),
        eq(consoleUsers.role, 'owner'),
        eq(consoleUsers.status, 'active'),
      ),
    );
  return row?.n ?? 0;
}

/** The org's console user with this email, in any case. */
export async function findUserByEmailInOrg(
  db: Executor,
  orgId: string,
  email: string,
): Promise<ConsoleUser | null> {
  const [row] = await db
    .select()
    .from(consoleUsers)
    .where(
      and(
        eq(consoleUsers.orgId, orgId),
        sql`lower(${consoleUsers.email}) = ${email.toLowerCase()}`,
      ),
    );
  return row ?? null;
}

// Sign-in comes before any org is known: the email (with the password that opens one of its
// accounts) or the identity provider's (issuer, sub) decides the org, so these two look-ups are
// the only ones not scoped by org. Most recently used first: that account wins a tie.
export async function findUsersByEmailForSignIn(
  db: Executor,
  email: string,
): Promise<ConsoleUser[]> {
  return db
    .select()
    .from(consoleUsers)
    .where(sql`lower(${consoleUsers.email}) = ${email.toLowerCase()}`)
    .orderBy(sql`${consoleUsers.lastSignInAt} desc nulls last`, consoleUsers.createdAt);
}

export async function findUserByOidcForSignIn(
  db: Executor,
  issuer: string,
  sub: string,
): Promise<ConsoleUser | null> {
  const [row] = await db
    .select()
    .from(consoleUsers)
    .where(and(eq(consoleUsers.oidcIssuer, issuer), eq(consoleUsers.oidcSub, sub)));
  return row ?? null;
}

export type NewConsoleUserInput = {
  email: string;
  name?: string | null;
  role: ConsoleRole;
  passwordHash?: string | null;
  passwordIsTemporary?: boolean;
  oidcIssuer?: string | null;
  oidcSub?: string | null;
  roleFromSso?: boolean;
  createdBy?: string | null;
};

export async function insertConsoleUser(
  db: Executor,
  orgId: string,
  input: NewConsoleUserInput,
): Promise<ConsoleUserView> {
  const [row] = await db
    .insert(consoleUsers)
    .values({ ...input, email: input.email.toLowerCase(), orgId })
    .returning({ id: consoleUsers.id });
  return (await getConsoleUser(db, orgId, row!.id))!;
}

export async function updateConsoleUser(
  db: Executor,
  orgId: string,
  userId: string,
  patch: Partial<{
    role: ConsoleRole;
    status: ConsoleUserStatus;
    name: string | null;
    passwordHash: string | null;
    passwordIsTemporary: boolean;
    oidcIssuer: string | null;
    oidcSub: string | null;
    roleFromSso: boolean;
    lastSignInAt: Date;
  }>,
): Promise<void> {
  await db
    .update(consoleUsers)
    .set(patch)
    .where(and(eq(consoleUsers.orgId, orgId), eq(consoleUsers.id, userId)));
}

export async function deleteConsoleUser(
  db: Executor,
  orgId: string,
  userId: string,
): Promise<void> {
  await db
    .delete(consoleUsers)
    .where(and(eq(consoleUsers.orgId, orgId), eq(consoleUsers.id, userId)));
}

/** The stored hash, for checking the current password before a change; never shown. */
export async function getPasswordHash(
  db: Executor,
  orgId: string,
  userId: string,
): Promise<string | null> {
  const [row] = await db
    .select({ hash: consoleUsers.passwordHash })
    .from(consoleUsers)
    .where(and(eq(consoleUsers.orgId, orgId), eq(consoleUsers.id, userId)));
  return row?.hash ?? null;
}
