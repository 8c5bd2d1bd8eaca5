/** Words the console uses for agents' values; safe to import from browser components. */

export const clientTypeValues = ['public', 'confidential', 'unknown'] as const;

export const methodLabels: Record<string, string> = {
  dcr: 'DCR',
  cimd: 'CIMD',
  preregistered: 'Pre-registered',
  manual: 'Unknown',
};

export const clientTypeLabels: Record<string, string> = {
  public: 'Public',
  confidential: 'Confidential',
  unknown: 'Unknown',
};

export const flagLabels: Record<string, string> = {
  refresh_token_reuse: 'refresh token reuse',
  token_passthrough: 'token passthrough',
  localhost_only: 'localhost only',
  lookalike_name: 'lookalike name',
};

/** The URL parameters of the agents table that "Clear filters" removes. */
export const agentFilterParams = [
  'q',
  'status',
  'method',
  'client_type',
  'issuer',
  'deleted',
  'family',
];
