import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { patchConnectionSource } from './postgres-driver-patch';

// The shape of postgres.js 3.4.9's connection.js around its writes (nextWrite, terminate, closed).
const original = [
  '  function nextWrite(fn) {',
  '    const x = socket.write(chunk, fn)',
  '    nextWriteTimer !== null && clearImmediate(nextWriteTimer)',
  '  }',
  '  function terminate() {',
  '    clearImmediate(nextWriteTimer)',
  '  }',
  '  async function closed(hadError) {',
  '    clearImmediate(nextWriteTimer)',
  '    socket = null',
  '  }',
  '',
].join('\n');

describe('the postgres.js patch', () => {
  it('resets the pending write on close and skips a write without a socket, once', () => {
    const patched = patchConnectionSource(original);
    expect(patched.match(/chunk = nextWriteTimer = null/g)).toHaveLength(3);
    expect(patched).toMatch(/if \(!socket\) return .*\n {4}const x = socket\.write/);
    expect(patchConnectionSource(patched)).toBe(patched);
  });

  it('leaves a connection.js it does not know as it is (a fixed release), never patched blindly', () => {
    expect(patchConnectionSource('function nextWrite() {}')).toBe('function nextWrite() {}');
  });

  it('is applied to the installed driver (npm install runs it)', () => {
    const installed = path.join(process.cwd(), 'node_modules/postgres/cjs/src/connection.js');
    expect(readFileSync(installed, 'utf8')).toContain('agent-hub: no write after close');
  });
});
