// `npm test`: lint and the production build (types included) once, then the unit and e2e suites on each
// database — the embedded PGlite always, and PostgreSQL too when DATABASE_URL names a server (the
// suites make their own databases there; the one in the URL is never written). Prints each
// phase's time at the end, so a slow step shows where it is.
//
// Everything that can overlap does: lint and the build (which type-checks) run beside the unit
// suites, which need no build; each database's e2e suite starts as soon as the build is done,
// beside the unit suites still running, and the two database passes run beside each other on
// their own ports, databases and output folders. Much of an e2e run is waiting (hubs starting,
// pages loading, pushes retried), which the unit suites fill.
// TEST_PASSES_IN_SEQUENCE=1 runs it all one step after the other.
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

/** The PostgreSQL pass leaves out the unit files that never open a database (vitest.config.ts). */
function unitEnv(pass: Pass): Env {
  return { ...pass.env, HUB_UNIT_PASS: pass.tag === 'pg' ? 'database-only' : undefined };
}

function runE2e(pass: Pass, index: number, tag?: string): Promise<boolean> {
  return run(
    `e2e (${pass.name})`,
    'test:e2e:built',
    {
      ...pass.env,
      // ports and folders of its own, so the passes can run side by side
      E2E_PORT_OFFSET: String(offset + 50 * index),
      E2E_OUTPUT: index === 0 ? undefined : `e2e/.output/${pass.tag}`,
      // Tests whose outcome does not depend on the database run in one pass only (see
      // playwright.config.ts and .ci/run); the screenshots are taken by the embedded pass.
      E2E_PASS:
        pass.tag === 'pg'
          ? 'postgres'
          : passes.length > 1
            ? 'embedded-beside-postgres'
            : 'embedded',
      E2E_SCREENSHOTS: pass.tag === 'pg' ? 'off' : process.env.E2E_SCREENSHOTS,
    },
    tag,
  );
}

// No separate typecheck: `next build` type-checks the whole tsconfig program (app, lib, db, e2e,
// tests) and the route types it writes, and fails on any error; `npm run typecheck` is for editing.
const checks = [
  ['lint', 'lint'],
  ['build', 'build'],
] as const;

if (process.env.TEST_PASSES_IN_SEQUENCE) {
  for (const [phase, script] of checks) if (!(await run(phase, script))) finish(false);
  for (const [index, pass] of passes.entries()) {
    if (!(await run(`unit (${pass.name})`, 'test:unit', unitEnv(pass)))) finish(false);
    if (!(await runE2e(pass, index))) finish(false);
  }
  finish(true);
}

const lint = run('lint', 'lint', {}, 'lint');
const build = run('build', 'build', {}, 'build');
const results = await Promise.all([
  lint,
  ...passes.flatMap((pass, index) => [
    run(`unit (${pass.name})`, 'test:unit', unitEnv(pass), pass.tag),
    // the e2e suites run against the production build, beside the unit suites
    build.then((built) => built && runE2e(pass, index, pass.tag)),
  ]),
]);
finish((await build) && results.every(Boolean));
