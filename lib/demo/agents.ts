import { createHash } from 'node:crypto';
import type { ServerKey } from './servers';

/** The agents of the demo: desktop assistants, IDE and CLI agents, CI bots, web apps, one rogue. */
export type AgentKind = 'desktop' | 'ide' | 'cli' | 'ci' | 'web';

/** One registration (one client_id) of an agent; DCR clients register again on reinstall. */
export type DemoRegistration = {
  key: string;
  clientId: string;
  /** day of the month (0 = 30 days ago) and hour (UTC) */
  day: number;
  hour: number;
  softwareVersion?: string;
  redirectUris?: string[];
  deleted?: { day: number; reason: string };
};

export type DemoAgent = {
  key: string;
  kind: AgentKind;
  method: 'dcr' | 'cimd';
  metadata: {
    client_name: string;
    redirect_uris: string[];
    grant_types: string[];
    token_endpoint_auth_method: string;
    application_type?: string;
    client_uri?: string;
    logo_uri?: string;
    software_id?: string;
    software_version?: string;
    software_statement_iss?: string;
    contacts?: string[];
    scope?: string;
  };
  registrations: DemoRegistration[];
  /** tools it calls, repeated to weight them */
  uses: Partial<Record<ServerKey, string[]>>;
  userAgent: string;
  /** client_credentials bots: scopes they get, when they run */
  bot?: { scopes: string[]; server: ServerKey; schedule: 'nightly' | 'release' };
  suspicious?: boolean;
};

const dcrId = (key: string) =>
  `dcr_${createHash('sha256').update(`acme-demo-dcr|${key}`).digest('hex').slice(0, 24)}`;

const loopback = (port?: number) => `http://127.0.0.1${port ? `:${port}` : ''}/callback`;
const nativeGrants = ['authorization_code', 'refresh_token'];

export const demoAgents: DemoAgent[] = [
  {
    key: 'orbit',
    kind: 'desktop',
    method: 'dcr',
    metadata: {
      client_name: 'Orbit Desktop',
      redirect_uris: [loopback()],
      grant_types: nativeGrants,
      token_endpoint_auth_method: 'none',
      application_type: 'native',
      client_uri: 'https://orbitlabs.example',
      logo_uri: 'https://orbitlabs.example/static/orbit-desktop-256.png',
      software_id: 'com.orbitlabs.desktop',
      software_version: '1.8.2',
    },
    // The same app on several laptops and after reinstalls: a new client_id every time.
    registrations: [
      {
        key: 'orbit-1',
        clientId: dcrId('orbit-1'),
        day: 1,
        hour: 8,
        redirectUris: [loopback(53682)],
        deleted: { day: 23, reason: 'Unused registration removed by the nightly DCR clean-up' },
      },
      {
        key: 'orbit-2',
        clientId: dcrId('orbit-2'),
        day: 3,
        hour: 10,
        redirectUris: [loopback(61204)],
      },
      {
        key: 'orbit-3',
        clientId: dcrId('orbit-3'),
        day: 8,
        hour: 9,
        softwareVersion: '1.9.0',
        redirectUris: [loopback(49731)],
      },
      {
        key: 'orbit-4',
        clientId: dcrId('orbit-4'),
        day: 12,
        hour: 14,
        softwareVersion: '1.9.0',
        redirectUris: [loopback(50112)],
      },
      {
        key: 'orbit-5',
        clientId: dcrId('orbit-5'),
        day: 20,
        hour: 11,
        softwareVersion: '1.9.1',
        redirectUris: [loopback(58840)],
      },
    ],
    uses: {
      tracker: ['list_issues', 'list_issues', 'list_issues', 'comment_on_issue', 'create_issue'],
      drive: ['search_files', 'search_files', 'read_file', 'read_file', 'read_file'],
    },
    userAgent: 'OrbitDesktop (Macintosh; macOS 15.3)',
  },
  {
    key: 'lumen',
    kind: 'desktop',
    method: 'cimd',
    metadata: {
      client_name: 'Lumen Assistant',
      redirect_uris: [loopback(), 'https://lumen-ai.example/oauth/callback'],
      grant_types: nativeGrants,
      token_endpoint_auth_method: 'none',
      application_type: 'native',
      client_uri: 'https://lumen-ai.example',
      logo_uri: 'https://lumen-ai.example/brand/lumen-mark.png',
      software_id: 'ai.lumen.desktop',
      software_version: '3.2.0',
      contacts: ['security@lumen-ai.example'],
    },
    registrations: [
      {
        key: 'lumen',
        clientId: 'https://lumen-ai.example/.well-known/oauth-client/desktop.json',
        day: 2,
        hour: 9,
      },
    ],
    uses: {
      tracker: ['list_issues', 'list_issues', 'comment_on_issue'],
      drive: ['search_files', 'read_file', 'read_file', 'read_file'],
    },
    userAgent: 'LumenAssistant/3.2 (Windows NT 10.0; Win64; x64)',
  },
  {
    key: 'forge',
    kind: 'ide',
    method: 'cimd',
    metadata: {
      client_name: 'Forge IDE Agent',
      redirect_uris: [loopback(), 'forge-ide://oauth/callback'],
      grant_types: nativeGrants,
      token_endpoint_auth_method: 'none',
      application_type: 'native',
      client_uri: 'https://forge-ide.example',
      logo_uri: 'https://forge-ide.example/assets/forge-logo.svg',
      software_id: 'dev.forge-ide.agent',
      software_version: '0.42.1',
    },
    registrations: [
      {
        key: 'forge',
        clientId: 'https://forge-ide.example/oauth/client-metadata.json',
        day: 2,
        hour: 13,
      },
    ],
    uses: {
      tracker: [
        'list_issues',
        'list_issues',
        'list_issues',
        'create_issue',
        'comment_on_issue',
        'comment_on_issue',
        'close_issue',
      ],
    },
    userAgent: 'ForgeIDE/0.42.1 agent (Linux x86_64)',
  },
  {
    key: 'codewright',
    kind: 'ide',
    method: 'dcr',
    metadata: {
      client_name: 'Codewright for VS Code',
      redirect_uris: [loopback(54021), 'vscode://codewright.codewright/auth-callback'],
      grant_types: nativeGrants,
      token_endpoint_auth_method: 'none',
      application_type: 'native',
      client_uri: 'https://codewright.example',
      logo_uri: 'https://codewright.example/icon-128.png',
      software_id: 'dev.codewright.vscode',
      software_version: '2.14.0',
      software_statement_iss: 'https://codewright.example',
    },
    registrations: [
      { key: 'codewright-1', clientId: dcrId('codewright-1'), day: 4, hour: 15 },
      {
        key: 'codewright-2',
        clientId: dcrId('codewright-2'),
        day: 9,
        hour: 10,
        softwareVersion: '2.14.2',
      },
      {
        key: 'codewright-3',
        clientId: dcrId('codewright-3'),
        day: 17,
        hour: 16,
        softwareVersion: '2.15.0',
      },
    ],
    uses: {
      tracker: [
        'list_issues',
        'list_issues',
        'comment_on_issue',
        'create_issue',
        'close_issue',
        'link_pull_request',
      ],
    },
    userAgent: 'Codewright VSCode/1.96.2',
  },
  {
    key: 'terminal-pilot',
    kind: 'cli',
    method: 'dcr',
    metadata: {
      client_name: 'Terminal Pilot CLI',
      redirect_uris: [loopback()],
      grant_types: nativeGrants,
      token_endpoint_auth_method: 'none',
      application_type: 'native',
      client_uri: 'https://terminalpilot.example',
      software_id: 'terminal-pilot',
      software_version: '0.9.3',
    },
    registrations: [{ key: 'terminal-pilot', clientId: dcrId('terminal-pilot'), day: 5, hour: 9 }],
    uses: { tracker: ['list_issues', 'list_issues', 'create_issue', 'close_issue'] },
    userAgent: 'terminal-pilot/0.9.3 node/22.12.0 linux-x64',
  },
  {
    key: 'shellmate',
    kind: 'cli',
    method: 'cimd',
    metadata: {
      client_name: 'shellmate',
      redirect_uris: [loopback()],
      grant_types: nativeGrants,
      token_endpoint_auth_method: 'none',
      application_type: 'native',
      client_uri: 'https://shellmate.example',
      logo_uri: 'https://shellmate.example/shellmate.png',
      software_id: 'sh.shellmate.cli',
      software_version: '1.3.0',
    },
    registrations: [
      { key: 'shellmate', clientId: 'https://shellmate.example/client.json', day: 6, hour: 16 },
    ],
    uses: {
      tracker: ['list_issues', 'list_issues', 'comment_on_issue'],
      drive: ['search_files', 'read_file'],
    },
    userAgent: 'shellmate/1.3.0 (darwin arm64)',
  },
  {
    key: 'release-bot',
    kind: 'ci',
    method: 'dcr',
    metadata: {
      client_name: 'Release Notes Bot',
      redirect_uris: [],
      grant_types: ['client_credentials'],
      token_endpoint_auth_method: 'client_secret_basic',
      application_type: 'web',
      client_uri: 'https://ci.acme-demo.example/bots/release-notes',
      software_id: 'acme.ci.release-notes',
      software_version: '2026.3',
      contacts: ['platform-team@acme-demo.example'],
      scope: 'tracker:read tracker:write',
    },
    registrations: [{ key: 'release-bot', clientId: dcrId('release-bot'), day: 1, hour: 11 }],
    uses: {
      tracker: ['list_issues', 'comment_on_issue', 'comment_on_issue', 'close_issue'],
    },
    userAgent: 'acme-ci-runner/4.2',
    bot: { scopes: ['tracker:read', 'tracker:write'], server: 'tracker', schedule: 'release' },
  },
  {
    key: 'triage-bot',
    kind: 'ci',
    method: 'cimd',
    metadata: {
      client_name: 'Nightly Triage Bot',
      redirect_uris: [],
      grant_types: ['client_credentials'],
      token_endpoint_auth_method: 'private_key_jwt',
      application_type: 'web',
      client_uri: 'https://ci.acme-demo.example/bots/nightly-triage',
      software_id: 'acme.ci.nightly-triage',
      software_version: '1.4.0',
      contacts: ['platform-team@acme-demo.example'],
      scope: 'tracker:read tracker:write',
    },
    registrations: [
      {
        key: 'triage-bot',
        clientId: 'https://ci.acme-demo.example/bots/nightly-triage/client.json',
        day: 2,
        hour: 17,
      },
    ],
    uses: {
      tracker: ['list_issues', 'list_issues', 'list_issues', 'create_issue', 'comment_on_issue'],
    },
    userAgent: 'acme-ci-runner/4.2',
    bot: { scopes: ['tracker:read', 'tracker:write'], server: 'tracker', schedule: 'nightly' },
  },
  {
    key: 'support-copilot',
    kind: 'web',
    method: 'cimd',
    metadata: {
      client_name:
        'Helpdeskly Support Copilot — Escalations & Knowledge Base Workspace (EU, US and APAC regions)',
      redirect_uris: [
        'https://app.helpdeskly.example/oauth/callback',
        'https://eu.helpdeskly.example/oauth/callback',
        'https://eu-west-2.helpdeskly.example/oauth/callback',
        'https://us.helpdeskly.example/oauth/callback',
        'https://us-east-1.helpdeskly.example/oauth/callback',
        'https://us-west-2.helpdeskly.example/oauth/callback',
        'https://apac.helpdeskly.example/oauth/callback',
        'https://ap-southeast-1.helpdeskly.example/oauth/callback',
        'https://ap-northeast-1.helpdeskly.example/oauth/callback',
        'https://sandbox.helpdeskly.example/oauth/callback',
        'https://staging.helpdeskly.example/oauth/callback',
        'https://app.helpdeskly.example/integrations/mcp/oauth/callback?workspace=escalations',
      ],
      grant_types: nativeGrants,
      token_endpoint_auth_method: 'private_key_jwt',
      application_type: 'web',
      client_uri: 'https://helpdeskly.example',
      logo_uri: 'https://helpdeskly.example/brand/copilot-icon.png',
      software_id: 'com.helpdeskly.support-copilot',
      software_version: '2026.02.3',
      contacts: ['trust@helpdeskly.example', 'oauth-admins@helpdeskly.example'],
    },
    registrations: [
      {
        key: 'support-copilot',
        clientId: 'https://app.helpdeskly.example/oauth/mcp-client.json',
        day: 3,
        hour: 12,
      },
    ],
    uses: {
      tracker: [
        'list_issues',
        'list_issues',
        'comment_on_issue',
        'comment_on_issue',
        'create_issue',
      ],
      drive: ['search_files', 'search_files', 'read_file', 'read_file', 'share_file'],
    },
    userAgent: 'Helpdeskly-MCP/2026.02 (+https://helpdeskly.example)',
  },
  {
    key: 'ledgerline',
    kind: 'web',
    method: 'dcr',
    metadata: {
      client_name: 'Ledgerline Close Assistant',
      redirect_uris: ['https://app.ledgerline.example/connect/acme/callback'],
      grant_types: nativeGrants,
      token_endpoint_auth_method: 'client_secret_post',
      application_type: 'web',
      client_uri: 'https://ledgerline.example',
      logo_uri: 'https://ledgerline.example/favicon-192.png',
      software_id: 'com.ledgerline.close-assistant',
      software_version: '5.0.7',
    },
    registrations: [{ key: 'ledgerline', clientId: dcrId('ledgerline'), day: 4, hour: 10 }],
    uses: { drive: ['search_files', 'read_file', 'read_file', 'read_file', 'share_file'] },
    userAgent: 'Ledgerline/5.0.7 (+https://ledgerline.example)',
  },
  {
    key: 'minutes',
    kind: 'web',
    method: 'cimd',
    metadata: {
      client_name: 'Minutes — AI Meeting Notes',
      redirect_uris: [
        'https://app.minutes.example/auth/callback',
        'https://app.minutes.example/auth/callback/drive',
        'https://eu.minutes.example/auth/callback',
        'https://eu.minutes.example/auth/callback/drive',
        'https://desktop.minutes.example/auth/callback',
        loopback(47123),
        loopback(47124),
        'minutes://auth/callback',
      ],
      grant_types: nativeGrants,
      token_endpoint_auth_method: 'none',
      application_type: 'web',
      client_uri: 'https://minutes.example',
      logo_uri: 'https://minutes.example/img/minutes-app-icon.png',
      software_id: 'io.minutes.app',
      software_version: '8.1.0',
    },
    registrations: [
      {
        key: 'minutes',
        clientId: 'https://minutes.example/oauth/client-metadata.json',
        day: 5,
        hour: 14,
      },
    ],
    uses: { drive: ['search_files', 'read_file', 'read_file', 'share_file'] },
    userAgent: 'Minutes/8.1 (+https://minutes.example)',
  },
  {
    key: 'pdf-helper',
    kind: 'desktop',
    method: 'dcr',
    metadata: {
      client_name: 'PDF Helper Pro',
      redirect_uris: ['http://localhost:8080/callback'],
      grant_types: nativeGrants,
      token_endpoint_auth_method: 'none',
      application_type: 'native',
      client_uri: 'https://pdfhelper-pro.example',
      software_version: '1.0',
      scope:
        'drive:read drive:write drive:share tracker:read tracker:write tracker:admin offline_access',
    },
    registrations: [{ key: 'pdf-helper', clientId: dcrId('pdf-helper'), day: 19, hour: 22 }],
    uses: {
      drive: ['search_files', 'read_file', 'read_file', 'read_file', 'read_file', 'share_file'],
    },
    userAgent: 'python-requests/2.31.0',
    suspicious: true,
  },
];
