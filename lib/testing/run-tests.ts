// `npm test`: lint, types and the production build once, then the unit and e2e suites on each
// database — the embedded PGlite always, and PostgreSQL too when DATABASE_URL names a server (the
// suites make their own databases there; the one in the URL is never written). Prints each
// phase's time at the end, so a slow step shows where it is.
//
// The two database passes run side by side, each on its own ports and output folder: much of an
// e2e run is waiting (hubs starting, the demo replaying, pages loading), which the other pass
// fills. TEST_PASSES_IN_SEQUENCE=1 runs them one after the other.
import { spawn } from 'node:child_process';

type Env = Record<string, string | undefined>;
type Pass = { name: string; tag: string; env: Env };

const timings: { phase: string; seconds: number; ok: boolean }[] = [];

/** Runs `npm run <script>`; with a tag, its output lines are prefixed so two passes can share a terminal. */
function run(phase: string, script: string, env: Env = {}, tag?: string): Promise<boolean> {
  console.log(`\n==> ${phase}: npm run ${script}`);
  const merged = { ...process.env, ...env };
  // an unset variable, not an empty one: the embedded pass has no DATABASE_URL at all
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete merged[key];
  const started = performance.now();
  const child = spawn('npm', ['run', '--silent', script], {
    env: merged,
    stdio: tag ? ['ignore', 'pipe', 'pipe'] : 'inherit',
  });
  if (tag) {
    for (const [from, to] of [
      [child.stdout!, process.stdout],
      [child.stderr!, process.stderr],
    ] as const) {
      let rest = '';
      from.on('data', (chunk: Buffer) => {
        const lines = (rest + chunk.toString()).split('\n');
        rest = lines.pop()!;
        for (const line of lines) to.write(`[${tag}] ${line}\n`);
      });
      from.on('end', () => rest && to.write(`[${tag}] ${rest}\n`));
    }
  }
  return new Promise((resolve) => {
    child.on('close', (code) => {
      const ok = code === 0;
      timings.push({ phase, seconds: (performance.now() - started) / 1000, ok });
      console.log(`\n==> ${phase}: ${ok ? 'passed' : 'FAILED'}`);
      resolve(ok);
    });
  });
}

function finish(ok: boolean): never {
  console.log('\n==> phase times (wall clock; the database passes overlap)');
  for (const { phase, seconds, ok: passed } of timings)
    console.log(`${passed ? '    ' : 'FAIL'} ${seconds.toFixed(0).padStart(5)} s  ${phase}`);
  console.log(`     ${(performance.now() / 1000).toFixed(0).padStart(5)} s  in all`);
  process.exit(ok ? 0 : 1);
}

const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);
const passes: Pass[] = [];
if (process.env.DATABASE_URL) {
  passes.push({ name: 'PostgreSQL', tag: 'pg', env: { DATABASE_URL: process.env.DATABASE_URL } });
}
passes.push({ name: 'embedded PGlite', tag: 'pglite', env: { DATABASE_URL: undefined } });

async function runPass(pass: Pass, index: number, tagged: boolean): Promise<boolean> {
  const tag = tagged ? pass.tag : undefined;
  if (!(await run(`unit (${pass.name})`, 'test:unit', pass.env, tag))) return false;
  return run(
    `e2e (${pass.name})`,
    'test:e2e:built',
    {
      ...pass.env,
      // ports and folders of its own, so the passes can run side by side
      E2E_PORT_OFFSET: String(offset + 50 * index),
      E2E_OUTPUT: index === 0 ? undefined : `e2e/.output/${pass.tag}`,
      // The embedded pass, which every run has, is the whole suite. The PostgreSQL pass leaves
      // out the tests tagged @once-per-run, whose outcome does not depend on the database (see
      // .ci/run), and the screenshots, which would be the same pictures.
      E2E_ONCE_PER_RUN_DONE: pass.tag === 'pg' ? '1' : undefined,
      E2E_SCREENSHOTS: pass.tag === 'pg' ? 'off' : undefined,
    },
    tag,
  );
}

for (const [phase, script] of [
  ['lint', 'lint'],
  ['typecheck', 'typecheck'],
  ['build', 'build'],
] as const) {
  if (!(await run(phase, script))) finish(false);
}
const together = passes.length > 1 && !process.env.TEST_PASSES_IN_SEQUENCE;
if (together) {
  const results = await Promise.all(passes.map((pass, i) => runPass(pass, i, true)));
  finish(results.every(Boolean));
}
for (const [index, pass] of passes.entries()) {
  if (!(await runPass(pass, index, false))) finish(false);
}
finish(true);
