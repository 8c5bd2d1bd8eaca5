import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { auditCatalogue, auditCategories, type AuditEventType } from './catalogue';

export const README = fileURLToPath(new URL('./README.md', import.meta.url));
const START = '<!-- catalogue:start -->';
const END = '<!-- catalogue:end -->';

export type CatalogueRow = [
  type: string,
  label: string,
  category: string,
  severity: string,
  writer: string,
];

/** The catalogue as the README's rows, in the console's order: by category, then by type. */
export function catalogueRows(): CatalogueRow[] {
  return (Object.keys(auditCatalogue) as AuditEventType[])
    .map((type): CatalogueRow => {
      const e = auditCatalogue[type];
      return [type, e.label, e.category, e.severity, e.writer];
    })
    .sort(
      (a, b) =>
        auditCategories.indexOf(a[2] as never) - auditCategories.indexOf(b[2] as never) ||
        a[0].localeCompare(b[0], 'en'),
    );
}

const header = ['type', 'label', 'category', 'severity', 'written by'];

function tableOf(rows: CatalogueRow[]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(header),
    line(header.map(() => '---')),
    ...rows.map(([type, ...rest]) => line([`\`${type}\``, ...rest])),
  ].join('\n');
}

/** The rows of the README's table between its markers, however a formatter aligned them. */
export function readmeRows(markdown: string): CatalogueRow[] {
  const start = markdown.indexOf(START);
  const end = markdown.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README has no ${START} … ${END} section`);
  return markdown
    .slice(start + START.length, end)
    .split('\n')
    .filter((l) => l.trim().startsWith('|'))
    .slice(2)
    .map((l) => {
      const cells = l.trim().slice(1, -1).split('|');
      const [type = '', ...rest] = cells.map((c) => c.trim());
      return [type.replace(/^`|`$/g, ''), ...rest] as CatalogueRow;
    });
}

/** Rewrites the README's table from the catalogue: `npx tsx lib/audit/catalogue-table.ts`. */
async function writeReadme() {
  const { format, resolveConfig } = await import('prettier');
  const markdown = readFileSync(README, 'utf8');
  const start = markdown.indexOf(START);
  const end = markdown.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README has no ${START} … ${END} section`);
  const next = `${markdown.slice(0, start + START.length)}\n\n${tableOf(catalogueRows())}\n\n${markdown.slice(end)}`;
  const options = (await resolveConfig(README)) ?? {};
  writeFileSync(README, await format(next, { ...options, filepath: README }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await writeReadme();
