/**
 * The audit trail's event types grouped for the overview's charts: a stacked chart of fifteen
 * types is unreadable, six groups are not. The per-type totals stay in the answer and in the
 * chart's table alternative.
 */

export const eventCategories = [
  'tools',
  'denials',
  'tokens',
  'consents',
  'registrations',
  'other',
] as const;
export type EventCategory = (typeof eventCategories)[number];

export const eventCategoryLabels: Record<EventCategory, string> = {
  tools: 'Tool calls',
  denials: 'Denials and rejections',
  tokens: 'Tokens',
  consents: 'Consents',
  registrations: 'Registrations',
  other: 'Other',
};

export const denialTypes = ['authorization.denied', 'tool.denied', 'token.rejected'] as const;
export type DenialType = (typeof denialTypes)[number];

/** Denials per day by kind: the three event types the hub receives for a refusal. */
export const denialKinds = ['authorization', 'tool', 'token'] as const;
export type DenialKind = (typeof denialKinds)[number];

export const denialKindOf: Record<DenialType, DenialKind> = {
  'authorization.denied': 'authorization',
  'tool.denied': 'tool',
  'token.rejected': 'token',
};

export const denialKindLabels: Record<DenialKind, string> = {
  authorization: 'Authorization refused',
  tool: 'Tool call denied',
  token: 'Token rejected',
};

export function categoryOf(type: string): EventCategory {
  if (type === 'tool.invoked') return 'tools';
  if ((denialTypes as readonly string[]).includes(type)) return 'denials';
  if (type.startsWith('token.')) return 'tokens';
  if (type.startsWith('consent.')) return 'consents';
  if (type.startsWith('client.')) return 'registrations';
  return 'other';
}
