// The npm registry this project is built against carries only the linux-x64 builds of native
// packages (Next's SWC, Tailwind's oxide, the ESLint resolver). `npm install` then leaves the
// other platforms' optional packages out of package-lock.json, and `npm ci` refuses the lock as
// out of sync. This adds each missing optional package with its real os/cpu/libc, so `npm ci`
// skips it as incompatible here, as it would anywhere else. Run it after `npm install` changes
// the lock: `node .ci/lockfile-platforms.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const oses = ['android', 'darwin', 'freebsd', 'linux', 'win32', 'openharmony'];
const cpus = ['arm64', 'x64', 'arm', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x', 'wasm32'];

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => oses.includes(p));
  const cpu = parts.find((p) => cpus.includes(p));
  const libc = parts.some((p) => p.startsWith('musl'))
    ? 'musl'
    : parts.some((p) => p.startsWith('gnu'))
      ? 'glibc'
      : null;
  if (!cpu) throw new Error(`cannot tell the platform of ${name}`);
  return { ...(os ? { os: [os] } : {}), cpu: [cpu], ...(libc ? { libc: [libc] } : {}) };
}

let added = 0;
for (const [, entry] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    if (lock.packages[key]) continue;
    lock.packages[key] = { version, optional: true, ...platformOf(dep) };
    added++;
  }
}
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} optional platform packages to package-lock.json`);
