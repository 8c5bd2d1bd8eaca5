// `npm test`: lint, types and the production build once, then the unit and e2e suites on each
// database — the embedded PGlite always, and PostgreSQL too when DATABASE_URL names a server (the
// suites make their own databases there; the one in the URL is never written). Prints each
// phase's time at the end, so a slow step shows where it is.
import { spawnSync } from 'node:child_process';

type Pass = { name: string; env: Record<string, string | undefined> };

const timings: { phase: string; seconds: number; ok: boolean }[] = [];

function run(phase: string, command: string, args: string[], env: Pass['env'] = {}): void {
  console.log(`\n==> ${phase}: ${[command, ...args].join(' ')}`);
  const started = performance.now();
  const merged = { ...process.env, ...env };
  // an unset variable, not an empty one: the embedded pass has no DATABASE_URL at all
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete merged[key];
  const result = spawnSync(command, args, { stdio: 'inherit', env: merged });
  const ok = result.status === 0;
  timings.push({ phase, seconds: (performance.now() - started) / 1000, ok });
  if (!ok) finish(1);
}

function finish(code: number): never {
  console.log('\n==> phase times');
  for (const { phase, seconds, ok } of timings)
    console.log(`${ok ? '   ' : 'FAIL'} ${seconds.toFixed(0).padStart(5)} s  ${phase}`);
  process.exit(code);
}

const passes: Pass[] = [{ name: 'embedded PGlite', env: { DATABASE_URL: undefined } }];
if (process.env.DATABASE_URL) {
  passes.unshift({ name: 'PostgreSQL', env: { DATABASE_URL: process.env.DATABASE_URL } });
}

run('lint', 'npm', ['run', '--silent', 'lint']);
run('typecheck', 'npm', ['run', '--silent', 'typecheck']);
run('build', 'npm', ['run', '--silent', 'build']);
for (const [index, pass] of passes.entries()) {
  run(`unit (${pass.name})`, 'npm', ['run', '--silent', 'test:unit'], pass.env);
  run(`e2e (${pass.name})`, 'npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts'], {
    ...pass.env,
    // tests tagged @once-per-run do not depend on the database: the first pass runs them
    E2E_ONCE_PER_RUN_DONE: index > 0 ? '1' : undefined,
  });
}
finish(0);
