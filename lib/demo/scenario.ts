/**
 * The demo scenario (shared/spec/operations.md, "Demo"): a deterministic month of events from one
 * authorization server and two MCP servers, and a live trickle after it. Pure: no database, no
 * network; lib/demo/run-demo.ts sends the events through the signed ingestion endpoint.
 *
 * - catalog.ts: the servers, scopes, tools, agents, people and grants
 * - history.ts: the month (registrations, consents, token families, calls, denials, incidents)
 * - trickle.ts: the live events
 */
export { demoCatalog, demoColleagues, finalScopes, liveGrants } from './catalog';
export type { DemoAgent, DemoGrant, DemoPerson, DemoServer, DemoTool, ServerKey } from './catalog';
export type { DemoEvent } from './events';
export { DEFAULT_DEMO_SEED, HISTORY_DAYS, historyEvents } from './history';
export { createRng, type Rng } from './rng';
export { newTrickleState, trickleEvents, type TrickleState } from './trickle';
