import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  assertDriverPatched,
  driverPatchProblem,
  installedDriverDir,
  PATCH_MARK,
} from './postgres-driver-patch';

const copies: string[] = [];

/** A copy of the installed driver, changed by `edit`: what a broken install would leave. */
function installedCopy(edit: (dir: string) => void): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hub-pg-driver-'));
  copies.push(dir);
  cpSync(installedDriverDir(), dir, { recursive: true });
  edit(dir);
  return dir;
}

afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the check that postgres.js carries the hub’s patch', () => {
  it('passes for the installed driver (npm ci applied db/patches)', () => {
    expect(installedDriverDir()).toBe(
      realpathSync(path.join(process.cwd(), 'node_modules', 'postgres')),
    );
    expect(() => assertDriverPatched()).not.toThrow();
  });

  it('fails, saying what to run, for the driver as published', () => {
    const pristine = installedCopy((dir) => {
      for (const build of ['src', 'cjs/src', 'cf/src']) {
        const file = path.join(dir, build, 'connection.js');
        const lines = readFileSync(file, 'utf8').split('\n');
        writeFileSync(file, lines.filter((l) => !l.includes(PATCH_MARK)).join('\n'));
      }
    });
    expect(() => assertDriverPatched(pristine)).toThrow(
      /lacks the hub's fix \(src\/connection\.js is not patched\).*Run `npm ci`/,
    );
  });

  it('fails for another version of the driver, and for a build left unpatched', () => {
    const other = installedCopy((dir) => {
      const manifest = path.join(dir, 'package.json');
      const json = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, unknown>;
      writeFileSync(manifest, JSON.stringify({ ...json, version: '3.4.10' }));
    });
    expect(driverPatchProblem(other)).toMatch(/postgres\.js 3\.4\.10 is installed.*for 3\.4\.9/);
    const cfUnpatched = installedCopy((dir) => rmSync(path.join(dir, 'cf/src/connection.js')));
    expect(driverPatchProblem(cfUnpatched)).toContain('cf/src/connection.js is not patched');
    expect(driverPatchProblem(path.join(tmpdir(), 'no-such-driver'))).toContain('not installed');
  });
});
