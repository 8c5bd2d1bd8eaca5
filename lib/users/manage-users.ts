import type { Db, Executor } from '@/db/client';
import { insertAuditEvent } from '@/lib/audit/record';
import { endSessionsOfUser } from '@/db/queries/console-sessions';
import {
  countOwners,
  deleteConsoleUser,
  findUserByEmailInOrg,
  getConsoleUser,
  insertConsoleUser,
  updateConsoleUser,
  type ConsoleUserView,
} from '@/db/queries/console-users';
import { adminAuditFields, type AuditActor } from '@/lib/audit/actor';
import type { ConsoleRole, ConsoleUserStatus } from '@/lib/constants';
import { generatePassword, hashPassword } from '@/lib/crypto/password';
import { ExpectedError } from '@/lib/errors';

export type AddUserInput = {
  email: string;
  name: string | null;
  role: ConsoleRole;
  method: 'password' | 'sso';
};

/** Adds a console user. With `password` a one-time password is made and returned (shown once). */
export async function addConsoleUser(db: Db, actor: AuditActor, input: AddUserInput) {
  const email = input.email.trim().toLowerCase();
  if (await findUserByEmailInOrg(db, actor.orgId, email))
    throw new ExpectedError(
      'conflict',
      `${email} already has a console account in this organization.`,
    );
  const password = input.method === 'password' ? generatePassword() : null;
  const passwordHash = password ? await hashPassword(password) : null;
  const user = await db.transaction(async (tx) => {
    const created = await insertConsoleUser(tx, actor.orgId, {
      email,
      name: input.name,
      role: input.role,
      passwordHash,
      passwordIsTemporary: password !== null,
      createdBy: actor.id,
    });
    await insertAuditEvent(tx, actor.orgId, {
      ...adminAuditFields(actor),
      type: 'user.created',
      summary: `${actor.email} added ${email} as ${input.role}`,
      data: { userId: created.id, email, role: input.role, method: input.method },
    });
    return created;
  });
  return { user, password };
}

async function loadTarget(
  db: Executor,
  actor: AuditActor,
  userId: string,
): Promise<ConsoleUserView> {
  if (userId === actor.id)
    throw new ExpectedError(
      'forbidden',
      'You cannot change your own account here; ask another owner.',
    );
  const target = await getConsoleUser(db, actor.orgId, userId);
  if (!target) throw new ExpectedError('not_found', 'That user does not exist (any more).');
  return target;
}

async function assertAnotherOwner(
  db: Executor,
  orgId: string,
  target: ConsoleUserView,
): Promise<void> {
  if (
    target.role === 'owner' &&
    target.status === 'active' &&
    (await countOwners(db, orgId)) <= 1
  ) {
    throw new ExpectedError(
      'conflict',
      'This is the last active owner; make someone else an owner first.',
    );
  }
}

export async function changeConsoleUserRole(
  db: Db,
  actor: AuditActor,
  input: { userId: string; role: ConsoleRole; reason: string | null },
) {
  await db.transaction(async (tx) => {
    const target = await loadTarget(tx, actor, input.userId);
    if (target.role === input.role)
      throw new ExpectedError('conflict', `${target.email} already is ${input.role}.`);
    if (input.role !== 'owner') await assertAnotherOwner(tx, actor.orgId, target);
    await updateConsoleUser(tx, actor.orgId, target.id, { role: input.role, roleFromSso: false });
    // A new role starts from a new sign-in, so no open page keeps acting on the old one.
    const sessionsEnded = await endSessionsOfUser(tx, actor.orgId, target.id, 'role_changed');
    await insertAuditEvent(tx, actor.orgId, {
      ...adminAuditFields(actor),
      type: 'user.role_changed',
      reason: input.reason,
      summary: `${actor.email} made ${target.email} ${input.role} (was ${target.role})`,
      data: { userId: target.id, from: target.role, to: input.role, sessionsEnded },
    });
  });
}

export async function setConsoleUserStatus(
  db: Db,
  actor: AuditActor,
  input: { userId: string; status: ConsoleUserStatus; reason: string | null },
) {
  await db.transaction(async (tx) => {
    const target = await loadTarget(tx, actor, input.userId);
    if (target.status === input.status)
      throw new ExpectedError('conflict', `${target.email} already is ${input.status}.`);
    if (input.status === 'disabled') await assertAnotherOwner(tx, actor.orgId, target);
    await updateConsoleUser(tx, actor.orgId, target.id, { status: input.status });
    // Disabled ends every session for good: enabling again later brings none of them back.
    const sessionsEnded =
      input.status === 'disabled'
        ? await endSessionsOfUser(tx, actor.orgId, target.id, 'user_disabled')
        : 0;
    await insertAuditEvent(tx, actor.orgId, {
      ...adminAuditFields(actor),
      type: input.status === 'disabled' ? 'user.disabled' : 'user.enabled',
      reason: input.reason,
      summary: `${actor.email} ${input.status === 'disabled' ? 'disabled' : 'enabled'} ${target.email}`,
      data:
        input.status === 'disabled' ? { userId: target.id, sessionsEnded } : { userId: target.id },
    });
  });
}

/** An owner signs another user out everywhere; they may sign in again. */
export async function endConsoleUserSessions(
  db: Db,
  actor: AuditActor,
  input: { userId: string; reason: string | null },
): Promise<number> {
  return db.transaction(async (tx) => {
    const target = await loadTarget(tx, actor, input.userId);
    const sessionsEnded = await endSessionsOfUser(tx, actor.orgId, target.id, 'ended_by_owner');
    await insertAuditEvent(tx, actor.orgId, {
      ...adminAuditFields(actor),
      type: 'user.sessions_ended',
      reason: input.reason,
      summary: `${actor.email} ended ${sessionsEnded} ${sessionsEnded === 1 ? 'session' : 'sessions'} of ${target.email}`,
      data: { userId: target.id, sessionsEnded },
    });
    return sessionsEnded;
  });
}

export async function removeConsoleUser(
  db: Db,
  actor: AuditActor,
  input: { userId: string; reason: string | null },
) {
  await db.transaction(async (tx) => {
    const target = await loadTarget(tx, actor, input.userId);
    await assertAnotherOwner(tx, actor.orgId, target);
    // Counted before the rows go with the user (on delete cascade).
    const sessionsEnded = await endSessionsOfUser(tx, actor.orgId, target.id, 'user_removed');
    await deleteConsoleUser(tx, actor.orgId, target.id);
    await insertAuditEvent(tx, actor.orgId, {
      ...adminAuditFields(actor),
      type: 'user.removed',
      reason: input.reason,
      summary: `${actor.email} removed ${target.email} (${target.role})`,
      data: { userId: target.id, email: target.email, role: target.role, sessionsEnded },
    });
  });
}
