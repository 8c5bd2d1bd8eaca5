import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import { insertAuditEvent } from '@/db/queries/audit';
import {
  expireSourceSecrets,
  getSource,
  insertSource,
  insertSourceSecret,
  setSourceStatus,
} from '@/db/queries/sources';
import { adminAuditFields, type AuditActor } from '@/lib/audit/actor';
import { credentialPrefix, generateCredential, hashCredential } from '@/lib/crypto/tokens';
import { ExpectedError, NotFoundError } from '@/lib/errors';
import { forgetIngestionSource } from '@/lib/ingestion/source-cache';
import { generateSigningSecret, sealSigningSecret } from './signing-secret';
import { storedResources, type CreateSourceInput } from './source-input';

/** How long a rotated-out signing secret keeps working, so senders can switch without a gap. */
export const ROTATION_GRACE_HOURS = 24;

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

/** A new signing secret; the previous ones keep verifying for the grace period. */
export async function rotateSourceSecret(
  db: Db,
  actor: AuditActor,
  sourceId: string,
  graceHours = ROTATION_GRACE_HOURS,
) {
  const secretId = randomUUID();
  const signingSecret = generateSigningSecret();
  const graceEndsAt = new Date(Date.now() + graceHours * 3600 * 1000);
  const source = await db.transaction(async (tx) => {
    const found = await getSource(tx, actor.orgId, sourceId);
    if (!found) throw new NotFoundError('That source does not exist in your organization.');
    await expireSourceSecrets(tx, actor.orgId, sourceId, graceEndsAt);
    await insertSourceSecret(tx, actor.orgId, {
      id: secretId,
      sourceId,
      ciphertext: sealSigningSecret(secretId, signingSecret),
    });
    await insertAuditEvent(tx, actor.orgId, {
      ...adminAuditFields(actor),
      type: 'source.secret_rotated',
      summary: `${actor.email} rotated the signing secret of “${found.name}”; the old one works until ${graceEndsAt.toISOString()}`,
      data: { sourceId, graceEndsAt: graceEndsAt.toISOString() },
    });
    return found;
  });
  forgetIngestionSource(sourceId);
  return { source, signingSecret, graceEndsAt };
}

export async function setSourceEnabled(
  db: Db,
  actor: AuditActor,
  input: { sourceId: string; enabled: boolean; reason: string | null },
) {
  await db.transaction(async (tx) => {
    const found = await getSource(tx, actor.orgId, input.sourceId);
    if (!found) throw new NotFoundError('That source does not exist in your organization.');
    if ((found.status === 'active') === input.enabled) {
      throw new ExpectedError(
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
