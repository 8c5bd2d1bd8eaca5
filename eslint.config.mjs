import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

/**
 * A client component ('use client') ships to the browser with everything it imports at run time:
 * never the database layer, server-only code or Node's modules. Type-only imports are erased and
 * allowed. Layers in general are checked by dependency-cruiser (.dependency-cruiser.mjs).
 */
const serverOnly = [
  { pattern: /^@\/db\//, where: 'the page or action that renders it, passing plain data as props' },
  {
    pattern: /^@\/lib\/(server|auth\/(auth|server-sessions|session-guard)|audit\/seal)(\/|$)/,
    where: 'a server component or action, passing the result as props',
  },
  {
    pattern: /^(node:|server-only$|postgres$|drizzle-orm|@electric-sql\/pglite|next-auth)/,
    where: 'server code',
  },
];
const hubPlugin = {
  rules: {
    'client-imports': {
      meta: { type: 'problem', schema: [] },
      create(context) {
        const source = context.sourceCode ?? context.getSourceCode();
        const first = source.ast.body[0];
        const isClient = first?.type === 'ExpressionStatement' && first.directive === 'use client';
        if (!isClient) return {};
        const check = (node, from, typeOnly) => {
          if (typeOnly) return;
          const rule = serverOnly.find((r) => r.pattern.test(from));
          if (rule) {
            context.report({
              node,
              message: `A client component must not import ${from}: it would ship to the browser. Do this in ${rule.where}.`,
            });
          }
        };
        return {
          ImportDeclaration(node) {
            const typeOnly =
              node.importKind === 'type' ||
              (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type'));
            check(node, node.source.value, typeOnly);
          },
          ExportNamedDeclaration(node) {
            if (node.source) check(node, node.source.value, node.exportKind === 'type');
          },
          ExportAllDeclaration(node) {
            check(node, node.source.value, node.exportKind === 'type');
          },
        };
      },
    },
  },
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    files: ['app/**/*.tsx', 'app/**/*.ts', 'components/**/*.tsx', 'components/**/*.ts'],
    plugins: { hub: hubPlugin },
    rules: { 'hub/client-imports': 'error' },
  },
  {
    ignores: [
      '.next/**',
      '.data/**',
      'node_modules/**',
      'db/migrations/**',
      'e2e/.output/**',
      'lib/mcp-kit/dist/**',
      'next-env.d.ts',
    ],
  },
];

export default config;
