import { createHash } from 'node:crypto';
import type { ServerKey } from './servers';

export type DemoPerson = { sub: string; name: string; email: string; title: string };

/** Colleagues of the three sign-in personas, so the month has the volume of a real team. */
export const demoColleagues: DemoPerson[] = [
  {
    sub: 'u-sam-rivera',
    name: 'Sam Rivera',
    email: 'sam.rivera@acme-demo.example',
    title: 'Backend engineer',
  },
  {
    sub: 'u-lena-fischer',
    name: 'Lena Fischer',
    email: 'lena.fischer@acme-demo.example',
    title: 'Product designer',
  },
  {
    sub: 'u-tomas-alvarez',
    name: 'Tomás Álvarez',
    email: 'tomas.alvarez@acme-demo.example',
    title: 'Support engineer',
  },
  {
    sub: 'u-aiko-tanaka',
    name: 'Aiko Tanaka',
    email: 'aiko.tanaka@acme-demo.example',
    title: 'Site reliability engineer',
  },
  {
    sub: 'u-grace-mensah',
    name: 'Grace Mensah',
    email: 'grace.mensah@acme-demo.example',
    title: 'Accountant',
  },
  {
    sub: 'u-omar-haddad',
    name: 'Omar Haddad',
    email: 'omar.haddad@acme-demo.example',
    title: 'Engineering manager',
  },
  {
    sub: 'u-jonas-berg',
    name: 'Jonas Berg',
    email: 'jonas.berg@acme-demo.example',
    title: 'Sales operations',
  },
];

/** What one person granted one registration for one MCP server, and how that grant evolved. */
export type DemoGrant = {
  consentId: string;
  registration: string;
  sub: string;
  server: ServerKey;
  scopes: string[];
  day: number;
  mechanism?: 'interactive' | 'policy';
  /** probability of using it on a working day */
  activity: number;
  /** last day it is used (the person moved to a newer registration of the same app) */
  lastDay?: number;
  /** step-up: a tool call is refused, then the person widens the consent to `scopes` */
  stepUp?: { day: number; tool: string; scopes: string[] };
  /** the person takes some scopes back */
  narrow?: { day: number; scopes: string[] };
  /** the person revokes the whole consent */
  revokeDay?: number;
  /** a rotated refresh token is presented again: the whole family is revoked */
  reuseDay?: number;
  /** the person signs out: the refresh family is revoked */
  signOutDay?: number;
  /** works at night from an unusual address, every day (the suspicious agent) */
  odd?: boolean;
  /** presents this grant's drive token to the tracker (token passthrough) */
  passthroughDay?: number;
};

const consentId = (n: number) =>
  `cns_${createHash('sha256').update(`acme-demo-consent|${n}`).digest('hex').slice(0, 20)}`;

const M = 'u-maya-chen';
const D = 'u-daniel-okafor';
const P = 'u-priya-natarajan';
const R = ['tracker:read'];
const RW = ['tracker:read', 'tracker:write'];
const DR = ['drive:read'];

const grantRows: Omit<DemoGrant, 'consentId'>[] = [
  // Maya Chen, staff engineer: desktop, IDE and CLI agents on the tracker and the drive.
  {
    registration: 'orbit-1',
    sub: M,
    server: 'tracker',
    scopes: RW,
    day: 1,
    activity: 0.8,
    lastDay: 7,
  },
  { registration: 'orbit-3', sub: M, server: 'tracker', scopes: RW, day: 8, activity: 0.7 },
  { registration: 'orbit-3', sub: M, server: 'drive', scopes: DR, day: 8, activity: 0.5 },
  {
    registration: 'forge',
    sub: M,
    server: 'tracker',
    scopes: R,
    day: 3,
    activity: 0.9,
    stepUp: { day: 10, tool: 'create_issue', scopes: RW },
  },
  { registration: 'terminal-pilot', sub: M, server: 'tracker', scopes: RW, day: 6, activity: 0.5 },
  { registration: 'codewright-2', sub: M, server: 'tracker', scopes: RW, day: 9, activity: 0.3 },
  // Daniel Okafor, finance lead: document agents, one of which he should not have trusted.
  {
    registration: 'ledgerline',
    sub: D,
    server: 'drive',
    scopes: DR,
    day: 4,
    activity: 0.8,
    stepUp: { day: 11, tool: 'share_file', scopes: ['drive:read', 'drive:share'] },
  },
  { registration: 'lumen', sub: D, server: 'drive', scopes: DR, day: 2, activity: 0.6 },
  {
    registration: 'minutes',
    sub: D,
    server: 'drive',
    scopes: ['drive:read', 'drive:share'],
    day: 5,
    activity: 0.5,
    revokeDay: 23,
  },
  {
    registration: 'pdf-helper',
    sub: D,
    server: 'drive',
    scopes: ['drive:read', 'drive:write', 'drive:share'],
    day: 20,
    activity: 0.9,
    odd: true,
    passthroughDay: 26,
  },
  // Priya Natarajan, support manager: the support copilot by policy, narrowed later.
  {
    registration: 'support-copilot',
    sub: P,
    server: 'tracker',
    scopes: RW,
    day: 3,
    mechanism: 'policy',
    activity: 0.9,
  },
  {
    registration: 'support-copilot',
    sub: P,
    server: 'drive',
    scopes: ['drive:read', 'drive:share'],
    day: 3,
    mechanism: 'policy',
    activity: 0.6,
    narrow: { day: 17, scopes: ['drive:share'] },
  },
  { registration: 'minutes', sub: P, server: 'drive', scopes: DR, day: 6, activity: 0.5 },
  { registration: 'lumen', sub: P, server: 'tracker', scopes: R, day: 7, activity: 0.4 },
  { registration: 'orbit-4', sub: P, server: 'tracker', scopes: RW, day: 12, activity: 0.5 },
  // Colleagues.
  {
    registration: 'orbit-2',
    sub: 'u-lena-fischer',
    server: 'drive',
    scopes: DR,
    day: 3,
    activity: 0.5,
    signOutDay: 19,
  },
  {
    registration: 'lumen',
    sub: 'u-lena-fischer',
    server: 'drive',
    scopes: DR,
    day: 9,
    activity: 0.5,
  },
  {
    registration: 'minutes',
    sub: 'u-lena-fischer',
    server: 'drive',
    scopes: DR,
    day: 7,
    activity: 0.4,
  },
  {
    registration: 'forge',
    sub: 'u-sam-rivera',
    server: 'tracker',
    scopes: RW,
    day: 2,
    activity: 0.9,
  },
  {
    registration: 'codewright-1',
    sub: 'u-sam-rivera',
    server: 'tracker',
    scopes: RW,
    day: 4,
    activity: 0.6,
    lastDay: 16,
  },
  {
    registration: 'codewright-3',
    sub: 'u-sam-rivera',
    server: 'tracker',
    scopes: RW,
    day: 17,
    activity: 0.6,
  },
  {
    registration: 'terminal-pilot',
    sub: 'u-sam-rivera',
    server: 'tracker',
    scopes: RW,
    day: 5,
    activity: 0.7,
    reuseDay: 24,
  },
  {
    registration: 'support-copilot',
    sub: 'u-tomas-alvarez',
    server: 'tracker',
    scopes: RW,
    day: 3,
    mechanism: 'policy',
    activity: 0.9,
  },
  {
    registration: 'support-copilot',
    sub: 'u-tomas-alvarez',
    server: 'drive',
    scopes: DR,
    day: 3,
    mechanism: 'policy',
    activity: 0.5,
  },
  {
    registration: 'orbit-5',
    sub: 'u-tomas-alvarez',
    server: 'tracker',
    scopes: R,
    day: 20,
    activity: 0.4,
  },
  {
    registration: 'shellmate',
    sub: 'u-aiko-tanaka',
    server: 'tracker',
    scopes: RW,
    day: 6,
    activity: 0.7,
  },
  {
    registration: 'shellmate',
    sub: 'u-aiko-tanaka',
    server: 'drive',
    scopes: DR,
    day: 6,
    activity: 0.3,
  },
  {
    registration: 'forge',
    sub: 'u-aiko-tanaka',
    server: 'tracker',
    scopes: RW,
    day: 4,
    activity: 0.6,
  },
  {
    registration: 'terminal-pilot',
    sub: 'u-aiko-tanaka',
    server: 'tracker',
    scopes: R,
    day: 8,
    activity: 0.4,
  },
  {
    registration: 'ledgerline',
    sub: 'u-grace-mensah',
    server: 'drive',
    scopes: ['drive:read', 'drive:share'],
    day: 4,
    activity: 0.8,
  },
  {
    registration: 'lumen',
    sub: 'u-grace-mensah',
    server: 'drive',
    scopes: DR,
    day: 10,
    activity: 0.4,
  },
  {
    registration: 'pdf-helper',
    sub: 'u-grace-mensah',
    server: 'drive',
    scopes: DR,
    day: 21,
    activity: 0.7,
    odd: true,
  },
  {
    registration: 'orbit-5',
    sub: 'u-omar-haddad',
    server: 'tracker',
    scopes: RW,
    day: 20,
    activity: 0.6,
  },
  {
    registration: 'shellmate',
    sub: 'u-omar-haddad',
    server: 'tracker',
    scopes: R,
    day: 13,
    activity: 0.3,
  },
  {
    registration: 'minutes',
    sub: 'u-omar-haddad',
    server: 'drive',
    scopes: DR,
    day: 5,
    activity: 0.6,
  },
  {
    registration: 'forge',
    sub: 'u-omar-haddad',
    server: 'tracker',
    scopes: R,
    day: 15,
    activity: 0.3,
  },
  {
    registration: 'minutes',
    sub: 'u-jonas-berg',
    server: 'drive',
    scopes: DR,
    day: 8,
    activity: 0.5,
  },
  {
    registration: 'support-copilot',
    sub: 'u-jonas-berg',
    server: 'drive',
    scopes: DR,
    day: 11,
    mechanism: 'policy',
    activity: 0.3,
  },
];

export const demoGrants: DemoGrant[] = grantRows.map((g, i) => ({
  ...g,
  consentId: consentId(i + 1),
}));
