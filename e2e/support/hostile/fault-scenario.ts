import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../db/client';
import { startRevocationReceiver } from '../revocation-receiver';
import { withHubDatabase } from './db-snapshot';
import { adminClient, startServingHub } from './hub';
import {
  FAULTS_ISSUER,
  loadBatches,
  sendWithRetries,
  type LoadFigures,
  type LoadSource,
} from './retrying-load';

type Hub = Awaited<ReturnType<typeof startServingHub>>;

export type FaultOutcome = {
  figures: LoadFigures;
  /** what the hub's database holds for the source once the load is over */
  stored: { ingested: number; auditRows: number; auditDistinct: number; entries: number };
  pushes: { received: number; distinctEntries: number; entriesWithTwoIds: string[] };
  hubRestarted: boolean;
  samePid: boolean;
  healthAfter: number;
  /** the hub's log lines about failures, for the report */
  hubErrors: string[];
};

const CLIENTS = 4;

/** `promise`, or an error saying `why()` once `ms` have passed. */
async function withinOr<T>(promise: Promise<T>, ms: number, why: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(why())), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
const BATCHES_PER_CLIENT = 30;

/**
 * Retrying senders post CloudEvents (each batch makes one revocation entry, pushed to a receiver)
 * while `fault` strikes once a third of the batches is in. Then it waits for the pushes and
 * reads what was stored. `fault` gets the running hub and may answer the one that replaced it.
 */
export async function runFaultScenario(
  env: Record<string, string>,
  adminToken: string,
  port: number,
  fault: (hub: Hub) => Promise<Hub | void>,
): Promise<FaultOutcome> {
  let hub = await startServingHub(env, port);
  const firstPid = hub.pid;
  const receiver = await startRevocationReceiver(204);
  let hubRestarted = false;
  try {
    const source = await adminClient(hub.url, adminToken)<LoadSource>(
      'POST',
      '/api/v1/sources',
      {
        name: 'Faulty AS',
        kind: 'authorization_server',
        issuer: FAULTS_ISSUER,
        revocation_webhook_url: receiver.url,
      },
      201,
    );
    receiver.useSecret(source.signing_secret);

    const figures: LoadFigures = { batches: 0, events: 0, retries: 0, statuses: {} };
    const total = CLIENTS * BATCHES_PER_CLIENT;
    let struck: Promise<void> | null = null;
    const onAccepted = () => {
      if (struck || figures.batches < total / 3) return;
      struck = fault(hub).then((replacement) => {
        if (replacement) {
          hub = replacement;
          hubRestarted = true;
        }
      });
    };
    // Bounded, so a hub that never takes the load back fails with what it printed, not a timeout.
    await withinOr(
      (async () => {
        await Promise.all(
          Array.from({ length: CLIENTS }, (_, c) =>
            sendWithRetries(
              hub.url,
              source,
              loadBatches(c, BATCHES_PER_CLIENT),
              figures,
              onAccepted,
            ),
          ),
        );
        await struck;
      })(),
      180_000,
      () =>
        `the load did not finish within 180 s (${figures.batches} of ${total} batches in, ${figures.retries} retries, answers ${JSON.stringify(figures.statuses)}); the hub printed:\n${hub.output().slice(-3000)}`,
    );

    // The outbox pushes on its own schedule; wait (bounded) until every entry reached the receiver.
    const seqs = () => new Set(receiver.received.map((r) => r.event.data.seq));
    const deadline = Date.now() + 60_000;
    while (seqs().size < total && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 250));
    // A redelivery (an attempt the crash cut short, retried once its lease ended) may still be on
    // its way: wait until every delivery is recorded as done, which a worker does only after its
    // attempt, so nothing is left in flight when the receiver's messages are counted.
    const api = adminClient(hub.url, adminToken);
    const undelivered = async () => {
      let open = 0;
      for (const seq of seqs()) {
        const { deliveries } = await api<{ deliveries: { status: string }[] }>(
          'GET',
          `/api/v1/revocations/${seq}/deliveries`,
        );
        open += deliveries.filter((d) => d.status === 'pending').length;
      }
      return open;
    };
    while ((await undelivered()) > 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 250));

    const idsPerSeq = new Map<string, Set<string>>();
    for (const { id, event } of receiver.received) {
      const ids = idsPerSeq.get(event.data.seq) ?? new Set<string>();
      idsPerSeq.set(event.data.seq, ids.add(id));
    }
    const healthAfter = (await fetch(`${hub.url}/api/health`)).status;
    const samePid = hub.pid === firstPid;
    const hubErrors = hub
      .output()
      .split('\n')
      .filter((line) => /failed|error|    at /i.test(line));
    await hub.stop();
    const stored = await withHubDatabase(env, async (database) => {
      const one = async (query: ReturnType<typeof sql>) =>
        Number(rowsOf<{ n: string | number }>(await database.db.execute(query))[0]?.n ?? 0);
      return {
        ingested: await one(
          sql`select count(*) as n from ingested_events where source_id = ${source.id}`,
        ),
        auditRows: await one(
          sql`select count(*) as n from audit_events where source_id = ${source.id}`,
        ),
        auditDistinct: await one(
          sql`select count(distinct source_event_id) as n from audit_events where source_id = ${source.id}`,
        ),
        entries: await one(sql`select count(*) as n from revocation_entries`),
      };
    });
    return {
      figures,
      stored,
      pushes: {
        received: receiver.received.length,
        distinctEntries: idsPerSeq.size,
        entriesWithTwoIds: [...idsPerSeq].filter(([, ids]) => ids.size > 1).map(([seq]) => seq),
      },
      hubRestarted,
      samePid,
      healthAfter,
      hubErrors,
    };
  } finally {
    await hub.stop();
    await receiver.close();
  }
}
