// Vitest setup file of the shared-process project (vitest.config.ts): test files there run one
// after another in the same worker, which keeps modules loaded between them (the import of the
// hub's modules is most of a file's time). What the hub keeps per process on globalThis must not
// carry over from one file into the next: the previous file's database is closed by now, and a
// broadcaster or cache holding on to it, or to its rows, would answer for the wrong database.
import type { RevocationBroadcaster } from '@/lib/revocations/broadcaster';

const held = globalThis as typeof globalThis & {
  __agentHubDatabase?: unknown;
  __hubBroadcaster?: RevocationBroadcaster;
  __agentHubSourceCache?: Map<string, unknown>;
  __hubVerifications?: Map<string, unknown>;
};

// its database is closed already, which ended its listening with it
await held.__hubBroadcaster?.close().catch(() => {});
delete held.__hubBroadcaster;
delete held.__agentHubDatabase;
held.__agentHubSourceCache?.clear();
held.__hubVerifications?.clear();
