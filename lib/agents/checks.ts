import { domainToUnicode } from 'node:url';
import { formatDateTime } from '@/lib/format';
import { describeFindings, isSuspiciousText, showInvisible } from './lookalike';
import {
  isLocalhostOnly,
  isLoopback,
  parseUrl,
  redirectHosts,
  redirectTarget,
  siteOf,
} from './hosts';

/** What the hub can tell about an agent from what it was told, with nothing fetched. */
export type CheckResult = 'pass' | 'info' | 'warn' | 'fail';

export type Check = {
  kind: string;
  label: string;
  result: CheckResult;
  /** true unless the check found something to worry about (warn or fail) */
  ok: boolean;
  detail: string;
};

export type CheckedAgent = {
  clientId: string;
  clientName: string | null;
  registrationMethod: string;
  clientUri: string | null;
  redirectUris: readonly string[];
  grantTypes: readonly string[];
  softwareStatementIss: string | null;
  contacts: readonly string[];
  reuseDetectedAt: Date | null;
  passthroughDetectedAt: Date | null;
};

const check = (kind: string, label: string, result: CheckResult, detail: string): Check => ({
  kind,
  label,
  result,
  ok: result === 'pass' || result === 'info',
  detail,
});

const methodChecks: Record<string, [CheckResult, string]> = {
  cimd: [
    'pass',
    'Registered with a Client ID Metadata Document: its metadata is served from a URL the client controls.',
  ],
  preregistered: ['pass', 'Pre-registered by an administrator of the authorization server.'],
  dcr: [
    'warn',
    'Registered itself by Dynamic Client Registration: anyone can register any name, logo and redirect URI.',
  ],
  manual: [
    'warn',
    'The hub has not seen how this agent registered; it only appeared in other events.',
  ],
};

/** The web hosts a client names for itself: redirect URIs that are not loopback, and client_uri. */
function webHosts(agent: CheckedAgent): string[] {
  const hosts = agent.redirectUris
    .filter((u) => !isLoopback(u) && /^https?:/i.test(u))
    .map(redirectTarget);
  return [...new Set(hosts)];
}

function domainCheck(agent: CheckedAgent): Check | null {
  const cimd = agent.registrationMethod === 'cimd' ? parseUrl(agent.clientId) : null;
  const anchor = cimd ?? parseUrl(agent.clientUri);
  if (!anchor) return null;
  const hosts = webHosts(agent);
  const clientUriHost = parseUrl(agent.clientUri)?.host;
  if (cimd && clientUriHost && !hosts.includes(clientUriHost)) hosts.push(clientUriHost);
  if (hosts.length === 0) return null;
  const site = siteOf(anchor.host);
  const foreign = hosts.filter((h) => siteOf(h) !== site);
  const kind = cimd ? 'cimd_domain' : 'client_uri_domain';
  const what = cimd ? 'the metadata document' : 'client_uri';
  const label = cimd ? 'Metadata document domain' : 'client_uri domain';
  if (foreign.length === 0) {
    return check(kind, label, 'pass', `Every web redirect host belongs to ${site}, like ${what}.`);
  }
  return check(
    kind,
    label,
    'warn',
    `${foreign.length} host${foreign.length === 1 ? '' : 's'} outside ${site} (the domain of ${what}): ${foreign.join(', ')}.`,
  );
}

function redirectCheck(agent: CheckedAgent): Check {
  const uris = agent.redirectUris;
  const label = 'Redirect URIs';
  if (uris.length === 0) {
    return agent.grantTypes.includes('authorization_code')
      ? check('redirect_uris', label, 'warn', 'Asks for authorization_code without redirect URIs.')
      : check('redirect_uris', label, 'pass', 'None: a machine client that never receives codes.');
  }
  const plain = uris.filter((u) => u.toLowerCase().startsWith('http:') && !isLoopback(u));
  if (plain.length > 0) {
    return check(
      'redirect_uris',
      label,
      'fail',
      `Codes would travel over plain http to ${redirectHosts(plain).join(', ')}.`,
    );
  }
  if (isLocalhostOnly(uris)) {
    return check(
      'localhost_only',
      'Loopback-only redirects',
      'warn',
      'Every redirect URI is on localhost: any program on the user’s machine listening on that port could receive the authorization code, and the hosts say nothing about who the client is.',
    );
  }
  const hosts = redirectHosts(uris);
  const named = hosts.slice(0, 3).join(', ');
  const more = hosts.length > 3 ? ` and ${hosts.length - 3} more` : '';
  return check(
    'redirect_uris',
    label,
    'pass',
    `${uris.length} redirect URI${uris.length === 1 ? '' : 's'} to ${named}${more}.`,
  );
}

/** The other agent whose name this one reads like, found by the caller among the org's agents. */
export type Imitated = { name: string; agentId: string };

/** The client_uri's host as a reader sees it: punycode (xn--) labels decoded. */
function readableHost(uri: string | null): string | null {
  const host = parseUrl(uri)?.hostname;
  if (!host) return null;
  return host.includes('xn--') ? domainToUnicode(host) || host : host;
}

function lookalikeCheck(agent: CheckedAgent, imitated: Imitated | null): Check {
  const label = 'Lookalike name';
  const findings: string[] = [];
  if (imitated) {
    findings.push(
      `The name “${showInvisible(agent.clientName ?? '')}” reads like “${imitated.name}”, the name of another agent, without being it.`,
    );
  }
  const name = agent.clientName ? describeFindings('name', agent.clientName) : null;
  if (name) findings.push(name);
  const host = readableHost(agent.clientUri);
  const uri = host ? describeFindings('client_uri host', host) : null;
  if (uri) findings.push(uri);
  if (findings.length === 0) {
    return check(
      'lookalike',
      label,
      'pass',
      'Plain characters of one script, and no other agent’s name it could be mistaken for.',
    );
  }
  return check('lookalike', label, 'fail', findings.join(' '));
}

/**
 * The evidence shown next to an agent's verification status and kept with each status change.
 * Pure: it reads the stored metadata and detections, never the network; the caller says which
 * other agent's name this one imitates, if any (`imitatedName` in lookalike.ts).
 */
export function agentChecks(agent: CheckedAgent, imitated: Imitated | null = null): Check[] {
  const checks: Check[] = [];
  const [methodResult, methodDetail] = methodChecks[agent.registrationMethod] ?? [
    'warn',
    `Registration method ${agent.registrationMethod}.`,
  ];
  checks.push(check('registration_method', 'Registration method', methodResult, methodDetail));
  if (agent.registrationMethod === 'cimd') {
    const url = parseUrl(agent.clientId);
    checks.push(
      url?.protocol === 'https:'
        ? check(
            'cimd_https',
            'Metadata document URL',
            'pass',
            `Served over https from ${url.host}.`,
          )
        : check(
            'cimd_https',
            'Metadata document URL',
            'fail',
            'The client_id is not an https URL.',
          ),
    );
  }
  const domain = domainCheck(agent);
  if (domain) checks.push(domain);
  checks.push(redirectCheck(agent));
  checks.push(lookalikeCheck(agent, imitated));
  checks.push(
    agent.softwareStatementIss
      ? check(
          'software_statement',
          'Software statement',
          'pass',
          `Signed software statement issued by ${agent.softwareStatementIss}.`,
        )
      : check(
          'software_statement',
          'Software statement',
          'info',
          'No signed software statement: the metadata is the client’s own claim.',
        ),
  );
  checks.push(
    agent.contacts.length > 0
      ? check('contacts', 'Contacts', 'pass', agent.contacts.join(', '))
      : check('contacts', 'Contacts', 'info', 'No contact address given.'),
  );
  checks.push(
    agent.reuseDetectedAt
      ? check(
          'refresh_token_reuse',
          'Refresh token reuse',
          'fail',
          `A used refresh token was presented again on ${formatDateTime(agent.reuseDetectedAt)}: a sign of a stolen token.`,
        )
      : check('refresh_token_reuse', 'Refresh token reuse', 'pass', 'Never detected.'),
  );
  checks.push(
    agent.passthroughDetectedAt
      ? check(
          'token_passthrough',
          'Token passthrough',
          'fail',
          `Presented a token meant for another server on ${formatDateTime(agent.passthroughDetectedAt)}.`,
        )
      : check('token_passthrough', 'Token passthrough', 'pass', 'Never detected.'),
  );
  return checks;
}

/** The badges of the agents table: what deserves a look before anything else. */
export type AgentFlag =
  'refresh_token_reuse' | 'token_passthrough' | 'localhost_only' | 'lookalike_name';

export function agentFlags(agent: {
  clientName: string | null;
  redirectUris: readonly string[];
  reuseDetectedAt: Date | null;
  passthroughDetectedAt: Date | null;
}): AgentFlag[] {
  const flags: AgentFlag[] = [];
  if (agent.reuseDetectedAt) flags.push('refresh_token_reuse');
  if (agent.passthroughDetectedAt) flags.push('token_passthrough');
  if (isLocalhostOnly(agent.redirectUris)) flags.push('localhost_only');
  if (agent.clientName && isSuspiciousText(agent.clientName)) flags.push('lookalike_name');
  return flags;
}
