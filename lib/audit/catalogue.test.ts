import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AuditInput } from './record';
import { dataSchemas, type KnownType } from '@/lib/ingestion/schemas';
import { producers } from '@/lib/ingestion/schemas/producers';
import {
  auditCatalogue,
  auditCategories,
  auditEventTypes,
  auditSeverities,
  describeAuditType,
  type AuditEventType,
} from './catalogue';
import { catalogueRows, README, readmeRows } from './catalogue-table';
import { auditTypeGroups } from './event-types';

// Type-level: the insert helper takes catalogued types only, and every ingested type is one.
const specTypes: readonly AuditEventType[] = Object.keys(dataSchemas) as KnownType[];
// @ts-expect-error a type outside the catalogue is refused at compile time
const madeUp: AuditInput['type'] = 'agent.renamed';

describe('the audit catalogue', () => {
  it('holds exactly the types of the ingestion spec as what sources write', () => {
    const sent = auditEventTypes.filter((t) => auditCatalogue[t].writer === 'source');
    expect(sent.sort()).toEqual(Object.keys(producers).sort());
    expect(specTypes.every((t) => sent.includes(t))).toBe(true);
    expect(madeUp in auditCatalogue).toBe(false);
  });

  it('names every type in plain words, once, in a known category and severity', () => {
    const labels = new Set<string>();
    for (const type of auditEventTypes) {
      const { label, category, severity } = auditCatalogue[type];
      expect(type, type).toMatch(/^[a-z_]+(\.[a-z_]+)+$/);
      expect(label, type).toMatch(/^[A-Z][^.]*[a-z]$/);
      expect(label, type).not.toMatch(/[._]/);
      expect(labels.has(label), `label of ${type} used twice`).toBe(false);
      labels.add(label);
      expect(auditCategories, type).toContain(category);
      expect(auditSeverities, type).toContain(severity);
    }
    for (const category of auditCategories) {
      expect(
        auditEventTypes.some((t) => auditCatalogue[t].category === category),
        category,
      ).toBe(true);
    }
  });

  it('describes a type it does not know by its code, under Other', () => {
    expect(describeAuditType('agent.suspended')).toEqual({
      type: 'agent.suspended',
      label: 'Agent suspended',
      category: 'Agents',
      severity: 'warning',
      known: true,
    });
    expect(describeAuditType('acme.widget.frobbed')).toEqual({
      type: 'acme.widget.frobbed',
      label: 'acme.widget.frobbed',
      category: 'Other',
      severity: null,
      known: false,
    });
    // Not fooled by what every object has.
    expect(describeAuditType('toString').known).toBe(false);
  });

  it('groups the filter by category in order, every type once, unknown ones last', () => {
    const groups = auditTypeGroups(['tool.invoked', 'zeta.sent', 'acme.ping', 'tool.invoked']);
    expect(groups.map((g) => g.category)).toEqual([...auditCategories, 'Other']);
    const all = groups.flatMap((g) => g.types.map((t) => t.type));
    expect(all).toHaveLength(new Set(all).size);
    expect(all.length).toBe(auditEventTypes.length + 2);
    expect(groups.at(-1)!.types.map((t) => t.type)).toEqual(['acme.ping', 'zeta.sent']);
    const agents = groups[0]!.types.map((t) => t.label);
    expect(agents).toEqual([...agents].sort((a, b) => a.localeCompare(b, 'en')));
    expect(auditTypeGroups([]).map((g) => g.category)).toEqual([...auditCategories]);
  });

  it('is the table in lib/audit/README.md, row for row', () => {
    const documented = readmeRows(readFileSync(README, 'utf8'));
    expect(
      documented,
      'lib/audit/README.md disagrees with catalogue.ts: run npx tsx lib/audit/catalogue-table.ts',
    ).toEqual(catalogueRows());
  });

  it('reads a README table however it is aligned, and notices a changed cell', () => {
    const markdown = [
      '<!-- catalogue:start -->',
      '| type | label | category | severity | written by |',
      '| --- | --- | --- | --- | --- |',
      '|   `agent.blocked`  | Agent blocked | Agents | info | hub |',
      '<!-- catalogue:end -->',
    ].join('\n');
    expect(readmeRows(markdown)).toEqual([
      ['agent.blocked', 'Agent blocked', 'Agents', 'info', 'hub'],
    ]);
    expect(readmeRows(markdown)).not.toEqual(
      catalogueRows().filter(([type]) => type === 'agent.blocked'),
    );
    expect(() => readmeRows('no table here')).toThrow(/catalogue:start/);
  });
});
