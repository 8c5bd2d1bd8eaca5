import { pgEnum } from 'drizzle-orm/pg-core';
import {
  actorTypes,
  apiTokenRoles,
  clientTypes,
  consentChanges,
  consentMechanisms,
  consentStatuses,
  consoleRoles,
  consoleUserStatuses,
  deliveryStatuses,
  registrationMethods,
  revocationKinds,
  sourceKinds,
  sourceStatuses,
  tokenTypes,
  verificationStatuses,
} from './values';

export const consoleRoleEnum = pgEnum('console_role', consoleRoles);
export const consoleUserStatusEnum = pgEnum('console_user_status', consoleUserStatuses);
export const apiTokenRoleEnum = pgEnum('api_token_role', apiTokenRoles);
export const sourceKindEnum = pgEnum('source_kind', sourceKinds);
export const sourceStatusEnum = pgEnum('source_status', sourceStatuses);
export const registrationMethodEnum = pgEnum('registration_method', registrationMethods);
export const clientTypeEnum = pgEnum('client_type', clientTypes);
export const verificationStatusEnum = pgEnum('verification_status', verificationStatuses);
export const consentStatusEnum = pgEnum('consent_status', consentStatuses);
export const consentChangeEnum = pgEnum('consent_change', consentChanges);
export const consentMechanismEnum = pgEnum('consent_mechanism', consentMechanisms);
export const tokenTypeEnum = pgEnum('token_type', tokenTypes);
export const actorTypeEnum = pgEnum('actor_type', actorTypes);
export const revocationKindEnum = pgEnum('revocation_kind', revocationKinds);
export const deliveryStatusEnum = pgEnum('delivery_status', deliveryStatuses);
