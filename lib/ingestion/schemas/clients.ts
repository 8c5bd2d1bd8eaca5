import { z } from 'zod';
import { registrationMethods } from '@/lib/constants';
import { clientId, common, limits, stringList, text, uri } from './common';

/** RFC 7591 client metadata the hub reads; other metadata is kept as received. */
const metadata = {
  client_name: text(limits.name),
  redirect_uris: stringList(limits.redirectUris, limits.uri),
  grant_types: stringList(limits.grantTypes, limits.code),
  token_endpoint_auth_method: text(limits.code),
  client_uri: uri,
  logo_uri: uri,
  application_type: text(limits.code),
  software_id: text(limits.name),
  software_version: text(limits.code),
  software_statement_iss: uri,
  contacts: stringList(limits.contacts, limits.name),
  scope: text(limits.scopeString),
};

export const metadataKeys = Object.keys(metadata) as (keyof typeof metadata)[];

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

export const clientRegistered = z
  .object({
    ...common,
    client_id: clientId,
    method: z.enum(registrationMethods),
    client_name: metadata.client_name,
    redirect_uris: metadata.redirect_uris,
    grant_types: metadata.grant_types,
    token_endpoint_auth_method: metadata.token_endpoint_auth_method,
    client_uri: metadata.client_uri.nullish(),
    logo_uri: metadata.logo_uri.nullish(),
    application_type: metadata.application_type.nullish(),
    software_id: metadata.software_id.nullish(),
    software_version: metadata.software_version.nullish(),
    software_statement_iss: metadata.software_statement_iss.nullish(),
    contacts: metadata.contacts.nullish(),
    scope: metadata.scope.nullish(),
  })
  .superRefine((data, ctx) => {
    // A CIMD client_id is the URL of its metadata document (draft-ietf-oauth-client-id-metadata-document).
    if (data.method === 'cimd' && !isHttpsUrl(data.client_id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['client_id'],
        message: 'must be an HTTPS URL for a CIMD client',
      });
    }
  });

/** Only the fields that changed; `null` clears one. */
export const clientUpdated = z.object({
  ...common,
  client_id: clientId,
  client_name: metadata.client_name.nullish(),
  redirect_uris: metadata.redirect_uris.nullish(),
  grant_types: metadata.grant_types.nullish(),
  token_endpoint_auth_method: metadata.token_endpoint_auth_method.nullish(),
  client_uri: metadata.client_uri.nullish(),
  logo_uri: metadata.logo_uri.nullish(),
  application_type: metadata.application_type.nullish(),
  software_id: metadata.software_id.nullish(),
  software_version: metadata.software_version.nullish(),
  software_statement_iss: metadata.software_statement_iss.nullish(),
  contacts: metadata.contacts.nullish(),
  scope: metadata.scope.nullish(),
});

export const clientDeleted = z.object({ ...common, client_id: clientId });
