/**
 * The layers of the hub, checked by `npm run lint` (dependency-cruiser). Each rule's comment is
 * what a violation prints: where the code belongs instead.
 *
 *   app/ (pages, route handlers, actions)  →  lib/ (capabilities)  →  db/ (SQL and row mapping)
 *   components/ (shared UI) is used by app/ and uses neither app/ nor db/.
 *
 * Client components ('use client') are kept from db/ and server modules by the `hub/client-imports`
 * rule in eslint.config.mjs: only the file's first line tells them apart.
 */

import fs from 'node:fs';
import path from 'node:path';

/** Files whose first statement is `directive`: 'use client' ones ship to the browser with all they reach, 'use server' ones stay behind. */
function filesWith(directive) {
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (
        /\.tsx?$/.test(entry.name) &&
        new RegExp(`^\\s*['"]${directive}['"]`).test(fs.readFileSync(file, 'utf8'))
      )
        found.push(file.split(path.sep).join('/'));
    }
  };
  for (const root of ['app', 'components']) if (fs.existsSync(root)) walk(root);
  return found;
}
const escape = (file) => file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const anyOf = (files) => `^(${files.map(escape).join('|') || '$^'})$`;

/** Tests and their scaffolding (all in lib/testing) set scenes up through any layer; the layers hold for what they test. */
const notTests = '\\.test\\.tsx?$|^lib/testing/';

/** @type {import('dependency-cruiser').IConfiguration} */
const layers = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'This import closes a circle. Move what both modules need into a third one that both import, ' +
        'usually one level down (a lib/<capability> module without side effects, or db/queries).',
      from: { path: '^(app|lib|db|components)/' },
      to: { circular: true },
    },
    {
      name: 'db-stays-below-lib',
      severity: 'error',
      comment:
        'db/ holds SQL and row mapping only and imports nothing above it. Move the logic into ' +
        'lib/<capability>, which calls db/queries; values both need (enum tuples, id formats) live in db/.',
      from: { path: '^db/', pathNot: notTests },
      to: { path: '^(lib|app|components)/' },
    },
    {
      name: 'lib-stays-below-app',
      severity: 'error',
      comment:
        'lib/ is below app/ and components/: a capability never imports a page, route or component. ' +
        'Move what both need into lib/<capability> and import it from app/.',
      from: { path: '^lib/', pathNot: notTests },
      to: { path: '^(app|components)/' },
    },
    {
      name: 'ingestion-and-grants-apart',
      severity: 'error',
      comment:
        'lib/ingestion (reading events) and lib/grants (revocations on the console and the API) ' +
        'never import each other, tests included. Consents, tokens, refresh-token families, their ' +
        'ends and the revocation entries those make belong in lib/grant-state, which both use; test ' +
        'builders that both need belong in lib/testing.',
      from: { path: '^lib/(ingestion|grants)/' },
      to: { path: '^lib/(ingestion|grants)/', pathNot: '^lib/$1/' },
    },
    {
      name: 'grant-state-below-its-writers',
      severity: 'error',
      comment:
        'lib/grant-state is used by lib/ingestion, lib/grants, lib/account and lib/agents and ' +
        'imports none of them: it takes a GrantChange (lib/grant-state/change.ts). Translate events ' +
        'in lib/ingestion, and requests where they arrive, into that input instead.',
      from: { path: '^lib/grant-state/', pathNot: notTests },
      to: { path: '^lib/(ingestion|grants|account|agents)/' },
    },
    {
      name: 'components-stay-below-app',
      severity: 'error',
      comment:
        'components/ is shared UI: it never imports app/. Move the piece into components/, or keep ' +
        'it in the feature that uses it.',
      from: { path: '^components/' },
      to: { path: '^app/' },
    },
    {
      name: 'features-keep-their-components',
      severity: 'error',
      comment:
        "One feature never imports another's _components. Move the shared piece to components/ " +
        "(or to the route group's own _components) and import it from both.",
      // $1 is the route group without its parentheses (they would be read as a regex group).
      from: { path: '^app/[(]?([^/)]+)[)]?/([^/_][^/]*)/' },
      to: {
        path: '^app/[^/]+/[^/_][^/]*/.*_components/',
        pathNot: '^app/[(]?$1[)]?/$2/',
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.next|e2e/\\.output|lib/mcp-kit/dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs'],
    },
  },
};

/**
 * The browser's pass (HUB_CRUISE=browser): what a client component reaches at run time. Type-only
 * imports are erased, and a server action ('use server') is called over the network, so the
 * cruise stops there.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
const browser = {
  forbidden: [
    {
      name: 'client-stays-in-the-browser',
      severity: 'error',
      comment:
        "A client component ('use client') reaches, through the imports listed, code that must " +
        'stay on the server (db/, the hub process, sessions, sealing). Read the data in the server ' +
        'component or action that renders it and pass plain values as props; keep shared value ' +
        'lists in lib/constants.',
      from: { path: anyOf(filesWith('use client')) },
      to: {
        path: '^(db/|lib/server/|lib/auth/(auth|server-sessions)\\.ts$|lib/audit/seal/)',
        // value tuples only, shared with the browser through lib/constants
        pathNot: '^db/schema/values\\.ts$',
        reachable: true,
      },
    },
  ],
  options: {
    ...layers.options,
    tsPreCompilationDeps: false,
    doNotFollow: { path: ['node_modules', anyOf(filesWith('use server'))] },
  },
};

export default process.env.HUB_CRUISE === 'browser' ? browser : layers;
