import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { auditCatalogue, auditEventTypes, isAuditEventType } from './catalogue';

const root = path.resolve(import.meta.dirname, '../..');
const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), undefined, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => {
    throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  },
})!;
/** The project's own code as tsconfig.json takes it, tests and e2e aside. */
const sources = config.fileNames.filter(
  (f) => !/\.test\.tsx?$/.test(f) && !f.startsWith(path.join(root, 'e2e') + path.sep),
);
const relative = (file: string) => path.relative(root, file);

// Dotted names outside the audit trail that look like its types.
const notAuditTypes = new Set([
  // the CloudEvent type of the revocation webhook (lib/revocations/outbox/message.ts)
  'revocation.created',
]);

type Written = { at: string; types: string[] | null; text: string };

/** Every call of insertAuditEvent, with the types its `type` can be as the compiler sees it. */
function auditWrites(): Written[] {
  const callers = sources.filter((f) => readFileSync(f, 'utf8').includes('insertAuditEvent('));
  const program = ts.createProgram(callers, { ...config.options, incremental: false, types: [] });
  const checker = program.getTypeChecker();
  const writes: Written[] = [];
  for (const file of callers) {
    // The helper calls itself with the input it was given.
    if (relative(file) === path.join('db', 'queries', 'audit.ts')) continue;
    const sourceFile = program.getSourceFile(file)!;
    const visit = (node: ts.Node) => {
      if (
        ts.isCallExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'insertAuditEvent'
      ) {
        const input = node.arguments[2]!;
        const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart());
        const symbol = checker.getTypeAtLocation(input).getProperty('type');
        const type = symbol && checker.getTypeOfSymbolAtLocation(symbol, input);
        const parts = type ? (type.isUnion() ? type.types : [type]) : [];
        writes.push({
          at: `${relative(file)}:${line + 1}`,
          types:
            parts.length > 0 && parts.every((t) => t.isStringLiteral())
              ? parts.map((t) => (t as ts.StringLiteralType).value)
              : null,
          text: type ? checker.typeToString(type) : 'no type',
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  return writes;
}

describe('every type written to the audit trail is catalogued', () => {
  it('insertAuditEvent gets literal, catalogued types, and every hub type has a writer', () => {
    const writes = auditWrites();
    expect(writes.length).toBeGreaterThan(30);
    const loose = writes.filter((w) => w.types === null).map((w) => `${w.at}: ${w.text}`);
    expect(loose, 'a writer whose type is not a set of literals').toEqual([]);
    const written = new Set(writes.flatMap((w) => w.types ?? []));
    expect([...written].filter((t) => !isAuditEventType(t))).toEqual([]);
    // A catalogued hub type that nothing writes is a stale entry (or a writer the scan missed).
    const hubTypes = auditEventTypes.filter((t) => auditCatalogue[t].writer === 'hub');
    expect(hubTypes.filter((t) => !written.has(t))).toEqual([]);
  }, 120_000);

  it('no dotted audit-like name in the code is left out of the catalogue', () => {
    const prefixes = [...new Set(auditEventTypes.map((t) => t.split('.')[0]))].join('|');
    const name = new RegExp(`['"\`]((?:${prefixes})(?:\\.[a-z_]+)+)['"\`]`, 'g');
    const strays: string[] = [];
    for (const file of sources) {
      if (relative(file) === path.join('lib', 'audit', 'catalogue.ts')) continue;
      for (const [, found] of readFileSync(file, 'utf8').matchAll(name)) {
        if (!isAuditEventType(found!) && !notAuditTypes.has(found!)) {
          strays.push(`${relative(file)}: ${found}`);
        }
      }
    }
    expect(strays).toEqual([]);
    expect(sources.length).toBeGreaterThan(100);
  });
});
