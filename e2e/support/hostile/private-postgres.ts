import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** Whether this machine can run a PostgreSQL of its own (the binaries and a `postgres` user). */
export function canRunPrivatePostgres(): boolean {
  if (!existsSync(path.join(BIN, 'initdb')) || !existsSync(path.join(BIN, 'pg_ctl'))) return false;
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * A throwaway PostgreSQL cluster on `port`, in a temp folder, run as the `postgres` user (initdb
 * refuses root). It is this test's own, so it may be restarted under load; the shared cluster
 * never is.
 */
export function startPrivatePostgres(port: number) {
  const dir = mkdtempSync(path.join(tmpdir(), 'hub-private-pg-'));
  const data = path.join(dir, 'data');
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  chownSync(dir, uid, gid);
  const asPostgres = (bin: string, args: string[]) =>
    execFileSync('runuser', ['-u', 'postgres', '--', path.join(BIN, bin), ...args], {
      stdio: 'pipe',
    });
  asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off`;
  /** the server's log, the end of it, for a failure's message */
  const readLog = () => {
    try {
      return readFileSync(path.join(dir, 'log'), 'utf8').slice(-2000);
    } catch {
      return '(no server log)';
    }
  };
  const ctl = (...args: string[]) =>
    asPostgres('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', ...args]);
  ctl('start');
  // A test that times out never reaches its cleanup: its worker's exit must not leave the server
  // holding the port (the next run's start would fail on it).
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stop);
    try {
      ctl('stop', '-m', 'immediate');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  process.once('exit', stop);
  const serverUrl = `postgres://postgres@127.0.0.1:${port}`;
  return {
    serverUrl,
    /** a new database on this cluster, as a DATABASE_URL */
    async createDatabase(name: string) {
      const admin = postgres(`${serverUrl}/postgres`, { max: 1, onnotice: () => {} });
      try {
        await admin.unsafe(`create database "${name}"`);
      } finally {
        await admin.end();
      }
      return `${serverUrl}/${name}`;
    },
    /**
     * Stops the server, dropping every connection (`-m fast`), and starts it again; asynchronous,
     * so the clients of this process keep sending meanwhile.
     */
    restart: () =>
      promisify(execFile)('runuser', [
        '-u',
        'postgres',
        '--',
        path.join(BIN, 'pg_ctl'),
        ...[
          '-D',
          data,
          '-o',
          options,
          '-l',
          path.join(dir, 'log'),
          '-w',
          '-t',
          '90',
          'restart',
          '-m',
          'fast',
        ],
      ]).catch((err: Error) => {
        throw new Error(`pg_ctl restart failed: ${err.message}\n${readLog()}`);
      }),
    stop,
  };
}
