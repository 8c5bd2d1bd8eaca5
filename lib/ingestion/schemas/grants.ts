import { z } from 'zod';
import { consentMechanisms, tokenTypes } from '@/lib/constants';
import { clientId, common, expiry, limits, scopeList, sub, text, tokenRef } from './common';

const consentId = text(limits.consentId);
const familyId = text(limits.familyId);

export const consentGranted = z.object({
  ...common,
  client_id: clientId,
  sub,
  // A grant of nothing would be indistinguishable from a revocation.
  scopes: scopeList.refine((scopes) => scopes.length > 0, 'must name at least one scope'),
  consent_id: consentId.nullish(),
  expires_at: expiry.nullish(),
  mechanism: z.enum(consentMechanisms).nullish(),
});

export const consentRevoked = z.object({
  ...common,
  client_id: clientId,
  sub,
  consent_id: consentId.nullish(),
  scopes: scopeList
    .refine((scopes) => scopes.length > 0, 'must name at least one scope; omit it to revoke all')
    .nullish(),
});

export const authorizationDenied = z.object({
  ...common,
  client_id: clientId,
  error: text(limits.code),
});

export const tokenIssued = z.object({
  ...common,
  token_ref: tokenRef,
  token_type: z.enum(tokenTypes),
  client_id: clientId,
  scopes: scopeList,
  expires_at: expiry,
  grant_type: text(limits.code),
  family_id: familyId.nullish(),
  parent_ref: tokenRef.nullish(),
  consent_id: consentId.nullish(),
});

export const tokenRevoked = z.object({
  ...common,
  token_ref: tokenRef,
  family_id: familyId.nullish(),
});

export const tokenReuseDetected = z.object({
  ...common,
  family_id: familyId,
  client_id: clientId,
});
