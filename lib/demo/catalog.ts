import { demoAgents, type DemoAgent, type DemoRegistration } from './agents';
import { demoColleagues, demoGrants, type DemoGrant, type DemoPerson } from './grants';
import { DEMO_ISSUER, demoPersonas } from './personas';
import { drive, tracker, type DemoServer, type DemoTool, type ServerKey } from './servers';

/**
 * Who and what the demo is about: one authorization server, two MCP servers with their scopes and
 * tools, the agents (OAuth clients) that register with it, the people they act for and what each
 * person granted which agent. Fixed data; lib/demo/history.ts turns it into a month of events.
 * Every name the demo invents lives under `.example`.
 */

export type { AgentKind, DemoAgent, DemoRegistration } from './agents';
export type { DemoGrant, DemoPerson } from './grants';
export type { DemoServer, DemoTool, ServerKey } from './servers';
export { demoColleagues };

export const demoCatalog = {
  authorizationServer: { issuer: DEMO_ISSUER, name: 'Acme Identity (demo)' },
  servers: [tracker, drive],
  agents: demoAgents,
  people: [...demoPersonas.map((p) => ({ ...p })), ...demoColleagues] as DemoPerson[],
  grants: demoGrants,
};

export function serverOf(key: ServerKey): DemoServer {
  return key === 'tracker' ? tracker : drive;
}

export function registrationOf(key: string): { agent: DemoAgent; registration: DemoRegistration } {
  for (const agent of demoAgents) {
    const registration = agent.registrations.find((r) => r.key === key);
    if (registration) return { agent, registration };
  }
  throw new Error(`no demo registration ${key}`);
}

export function toolOf(server: DemoServer, name: string): DemoTool {
  const tool = [...server.tools, ...server.addedMidMonth].find((t) => t.name === name);
  if (!tool) throw new Error(`no tool ${name} on ${server.name}`);
  return tool;
}

/** The scopes a grant holds at the end of the month (after step-up and narrowing). */
export function finalScopes(grant: DemoGrant): string[] {
  const widened = grant.stepUp ? grant.stepUp.scopes : grant.scopes;
  return widened.filter((s) => !grant.narrow?.scopes.includes(s));
}

/** Grants still usable at the end of the month: the live trickle draws on these. */
export function liveGrants(): DemoGrant[] {
  return demoGrants.filter(
    (g) =>
      g.revokeDay === undefined &&
      g.signOutDay === undefined &&
      g.lastDay === undefined &&
      !registrationOf(g.registration).registration.deleted,
  );
}
