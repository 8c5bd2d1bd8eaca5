import { spawn, type ChildProcess } from 'node:child_process';

export type HubProcess = {
  url: string;
  /** the hub's own process id (its memory is read from /proc/<pid>/status) */
  pid: number;
  /** sends a signal without waiting, e.g. SIGKILL to crash it mid-run */
  kill: (signal: NodeJS.Signals) => void;
  output: () => string;
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpMatchArray>;
  stop: () => Promise<void>;
  exited: Promise<number | null>;
};

/** Starts `npm start`'s entry point as its own process, as a person would, and watches its output. */
export function startHubProcess(env: Record<string, string>, port: number): HubProcess {
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'lib/server/start.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      HUB_ADMIN_EMAIL: '',
      HUB_ADMIN_PASSWORD: '',
      AUTH_OIDC_ISSUER: '',
      AUTH_OIDC_CLIENT_ID: '',
      AUTH_OIDC_CLIENT_SECRET: '',
      PORT: String(port),
      HUB_DEMO: '0',
      // as an operator would leave it; specs whose receivers listen on loopback turn it on
      HUB_ALLOW_PRIVATE_TARGETS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // A test that times out may never reach its cleanup; its worker's exit must not leave a hub.
  const reap = () => child.kill('SIGKILL');
  process.once('exit', reap);
  void exited.then(() => process.off('exit', reap));

  const waitFor = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = output.match(pattern);
        if (match) {
          clearInterval(timer);
          clearTimeout(limit);
          resolve(match);
        }
      };
      const timer = setInterval(check, 100);
      const limit = setTimeout(() => {
        clearInterval(timer);
        reject(new Error(`hub output never matched ${pattern}:\n${output}`));
      }, timeoutMs);
      check();
    });

  return {
    url: `http://localhost:${port}`,
    pid: child.pid!,
    kill: (signal) => {
      if (child.exitCode === null) child.kill(signal);
    },
    output: () => output,
    waitFor,
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
