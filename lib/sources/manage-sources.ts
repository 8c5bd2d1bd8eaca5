import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import { insertAuditEvent } from '@/lib/audit/record';
import {
  expireSourceSecrets,
  getSource,
  insertSource,
  insertSourceSecret,
  replaceSourceApiKey,
  setSourceEnforcesRevocations,
  setSourceStatus,
} from '@/db/queries/sources';
import { adminAuditFields, type AuditActor } from '@/lib/audit/actor';
import { credentialPrefix, generateCredential, hashCredential } from '@/lib/crypto/tokens';
import { ExpectedError } from '@/lib/errors';
import { forgetIngestionSource } from '@/lib/ingestion/source-cache';
import { generateSigningSecret, sealSigningSecret } from './signing-secret';
import { MAX_ROTATION_GRACE_SECONDS, ROTATION_GRACE_SECONDS } from './grace-choices';
import { storedResources, type CreateSourceInput, type UpdateSourceInput } from './source-input';

/** Registers a source; its signing secret and API key are returned this once. */
export async function createSource(db: Db, actor: AuditActor, input: CreateSourceInput) {
  const sourceId = randomUUID();
  const secretId = randomUUID();
  const signingSecret = generateSigningSecret();
  const apiKey = generateCredential('hubsrc_');
  const { resource, additionalResources } = storedResources(input);
  const source = await db.transaction(async (tx) => {
    const created = await insertSource(tx, actor.orgId, {
      id: sourceId,
      name: input.name,
      kind: input.kind,
      issuer: input.issuer ?? null,
      resource,
      additionalResources,
      revocationWebhookUrl: input.revocation_webhook_url ?? null,
      enforcesRevocations: input.enforces_revocations ?? true,
      apiKeyHash: hashCredential(apiKey),
      apiKeyPrefix: credentialPrefix(apiKey),
      createdBy: actor.id,
    });
    await insertSourceSecret(tx, actor.orgId, {
      id: secretId,
      sourceId,
      ciphertext: sealSigningSecret(secretId, signingSecret),
    });
    await insertAuditEvent(tx, actor.orgId, {
      ...adminAuditFields(actor),
      type: 'source.created',
      summary: `${actor.email} registered ${input.kind.replace('_', ' ')} source “${input.name}”`,
      issuer: input.issuer ?? null,
      resource,
      data: {
        sourceId,
        name: input.name,
        kind: input.kind,
        issuer: input.issuer ?? null,
        resource,
        ...(additionalResources.length ? { resources: [resource, ...additionalResources] } : {}),
      },
    });
    return created;
  });
  return { source, signingSecret, apiKey };
}

function graceEnd(graceSeconds: number): Date {
  if (
    !Number.isInteger(graceSeconds) ||
    graceSeconds < 0 ||
    graceSeconds > MAX_ROTATION_GRACE_SECONDS
  ) {
    throw new ExpectedError(
      'invalid',
      `The grace period must be 0 to ${MAX_ROTATION_GRACE_SECONDS} seconds.`,
      { errors: [{ path: '/grace_period_seconds', message: 'out of range' }] },
    );
  }
  return new Date(Date.now() + graceSeconds * 1000);
}

function graceWords(name: string, what: string, graceEndsAt: Date, now = Date.now()): string {
  return graceEndsAt.getTime() <= now
    ? `the old ${what} of “${name}” stopped working at once`
    : `the old ${what} of “${name}” works until ${graceEndsAt.toISOString()}`;
}

/**
 * A new signing secret; the previous ones keep verifying for the grace period (0: they stop now,
 * for a secret that leaked).
 */
export async function rotateSourceSecret(
  db: Db,
  actor: AuditActor,
  sourceId: string,
  graceSeconds = ROTATION_GRACE_SECONDS,
) {
  const secretId = randomUUID();
  const signingSecret = generateSigningSecret();
  const graceEndsAt = graceEnd(graceSeconds);
  const source = await db.transaction(async (tx) => {
    const found = await getSource(tx, actor.orgId, sourceId);
    if (!found)
      throw new ExpectedError('not_found', 'That source does not exist in your organization.');
    await expireSourceSecrets(tx, actor.orgId, sourceId, graceEndsAt);
    await insertSourceSecret(tx, actor.orgId, {
      id: secretId,
      sourceId,
      ciphertext: sealSigningSecret(secretId, signingSecret),
    });
    await insertAuditEvent(tx, actor.orgId, {
      ...adminAuditFields(actor),
      type: 'source.secret_rotated',
      summary: `${actor.email} rotated the signing secret of “${found.name}”; ${graceWords(found.name, 'secret', graceEndsAt)}`,
      data: { sourceId, graceEndsAt: graceEndsAt.toISOString(), graceSeconds },
    });
    return found;
  });
  forgetIngestionSource(sourceId);
  return { source, signingSecret, graceEndsAt };
}

/**
 * A new `hubsrc_…` API key, returned this once; the previous key keeps working for the grace
 * period (0: it stops now). A key rotated out earlier and still in its grace stops now: only the
 * latest previous key is kept.
 */
export async function rotateSourceApiKey(
  db: Db,
  actor: AuditActor,
  sourceId: string,
  graceSeconds = ROTATION_GRACE_SECONDS,
) {
  const apiKey = generateCredential('hubsrc_');
  const graceEndsAt = graceEnd(graceSeconds);
  const source = await db.transaction(async (tx) => {
    const found = await getSource(tx, actor.orgId, sourceId);
    if (!found)
      throw new ExpectedError('not_found', 'That source does not exist in your organization.');
    const rotated = await replaceSourceApiKey(tx, actor.orgId, sourceId, {
      apiKeyHash: hashCredential(apiKey),
      apiKeyPrefix: credentialPrefix(apiKey),
      previousExpiresAt: graceEndsAt,
    });
    await insertAuditEvent(tx, actor.orgId, {
      ...adminAuditFields(actor),
      type: 'source.api_key_rotated',
      summary: `${actor.email} rotated the API key of “${found.name}”; ${graceWords(found.name, 'key', graceEndsAt)}`,
      data: { sourceId, graceEndsAt: graceEndsAt.toISOString(), graceSeconds },
    });
    return rotated ?? found;
  });
  return { source, apiKey, graceEndsAt };
}

export async function setSourceEnabled(
  db: Db,
  actor: AuditActor,
  input: { sourceId: string; enabled: boolean; reason: string | null },
) {
  await db.transaction(async (tx) => {
    const found = await getSource(tx, actor.orgId, input.sourceId);
    if (!found)
      throw new ExpectedError('not_found', 'That source does not exist in your organization.');
    if ((found.status === 'active') === input.enabled) {
      throw new ExpectedError(
        'conflict',
        `“${found.name}” is already ${input.enabled ? 'enabled' : 'disabled'}.`,
      );
    }
    await setSourceStatus(tx, actor.orgId, input.sourceId, input.enabled ? 'active' : 'disabled');
    await insertAuditEvent(tx, actor.orgId, {
      ...adminAuditFields(actor),
      type: input.enabled ? 'source.enabled' : 'source.disabled',
      reason: input.reason,
      summary: `${actor.email} ${input.enabled ? 'enabled' : 'disabled'} source “${found.name}”`,
      data: { sourceId: input.sourceId },
    });
  });
  forgetIngestionSource(input.sourceId);
}

/**
 * Changes a source's settings, audited as `source.updated`; asking for what it already has
 * changes and records nothing.
 */
export async function updateSource(
  db: Db,
  actor: AuditActor,
  sourceId: string,
  input: UpdateSourceInput,
) {
  return db.transaction(async (tx) => {
    const found = await getSource(tx, actor.orgId, sourceId);
    if (!found)
      throw new ExpectedError('not_found', 'No source with this id in your organization.');
    const enforces = input.enforces_revocations;
    if (enforces === undefined || enforces === found.enforcesRevocations) return found;
    const updated = await setSourceEnforcesRevocations(tx, actor.orgId, sourceId, enforces);
    await insertAuditEvent(tx, actor.orgId, {
      ...adminAuditFields(actor),
      type: 'source.updated',
      summary: enforces
        ? `${actor.email} marked “${found.name}” as enforcing revocations`
        : `${actor.email} marked “${found.name}” as not enforcing revocations`,
      data: { sourceId, enforcesRevocations: enforces },
    });
    return updated ?? found;
  });
}
