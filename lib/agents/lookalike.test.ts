import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { agents } from '@/db/schema';
import { cloudEvent } from '@/lib/testing/events';
import { setup } from '@/lib/testing/builders';
import { setupTestDatabase } from '@/lib/testing/fixtures';
import { loadAgentDetail } from './detail';
import {
  describeFindings,
  imitatedName,
  isSuspiciousText,
  showInvisible,
  skeletonOf,
  textFindings,
} from './lookalike';

describe('lookalike names (Unicode TR39)', () => {
  it('leaves plain names alone, in any one script and in the usual CJK mixes', () => {
    for (const name of [
      'Claude Desktop',
      'Zoë’s Notes',
      'Тестовый агент',
      '東京 Agent',
      'エージェント Tool',
    ]) {
      expect(isSuspiciousText(name), name).toBe(false);
      expect(describeFindings('name', name), name).toBeNull();
    }
  });

  it('finds invisible and direction-changing characters and writes them out', () => {
    expect(textFindings('Clau\u200bde').invisible).toEqual(['U+200B']);
    expect(showInvisible('invoice\u202Efdp.exe')).toBe('invoice⟨U+202E⟩fdp.exe');
    expect(isSuspiciousText('Claude\u2060')).toBe(true);
    expect(describeFindings('name', 'Clau\u200bde')).toBe(
      'The name contains invisible or direction-changing characters (U+200B): “Clau⟨U+200B⟩de”.',
    );
  });

  it('finds mixed scripts, letters passing for Latin ones, and full-width letters', () => {
    const cyrillic = textFindings('\u0421laude'); // Cyrillic Es
    expect(cyrillic.mixedScript).toBe(true);
    expect(cyrillic.latinLookalikes).toEqual(['“С” (Cyrillic, looks like “C”)']);
    expect(textFindings('\u0392ot').latinLookalikes).toEqual(['“Β” (Greek, looks like “B”)']);
    expect(textFindings('ＣＬＡＵＤＥ').compatibilityForms).toBe(true);
    expect(isSuspiciousText('ＣＬＡＵＤＥ')).toBe(true);
  });

  it('says which other name a name imitates, by skeleton, but not an exact or re-cased equal', () => {
    const others = [{ name: 'Terminal Pilot CLI' }, { name: 'Claude Desktop' }];
    expect(skeletonOf('Terminal Pilot CLI')).toBe(skeletonOf('\u03A4erminal Pi1ot CLI'));
    expect(imitatedName('\u03A4erminal Pi1ot CLI', others)?.name).toBe('Terminal Pilot CLI');
    expect(imitatedName('C1aude Desktop', others)?.name).toBe('Claude Desktop');
    expect(imitatedName('Claude\u200b Desktop', others)?.name).toBe('Claude Desktop');
    expect(imitatedName('claude desktop', others)).toBeNull();
    expect(imitatedName('Orbit Desktop', others)).toBeNull();
  });
});

describe('a lookalike agent', () => {
  const database = setupTestDatabase();

  it('is flagged on its verification card and never joins the family it imitates', async () => {
    const ctx = await setup(database().db);
    const reg = (clientId: string, name: string, at: number) =>
      cloudEvent(
        'client.registered',
        {
          client_id: clientId,
          method: 'dcr',
          client_name: name,
          software_id: 'com.anthropic.claude',
          redirect_uris: ['http://127.0.0.1:4000/cb'],
          grant_types: ['authorization_code'],
          token_endpoint_auth_method: 'none',
        },
        at,
      );
    await ctx.send(reg('real', 'Claude Desktop', 1), reg('fake', '\u0421laude Desktop', 2));
    const agentOf = async (clientId: string) => {
      const [row] = await ctx.db
        .select()
        .from(agents)
        .where(and(eq(agents.orgId, ctx.org.id), eq(agents.clientId, clientId)));
      if (!row) throw new Error(`no agent ${clientId}`);
      return row;
    };
    const real = await agentOf('real');
    const fake = await agentOf('fake');
    expect(real.familyKey).toBe('software:com.anthropic.claude');
    expect(fake.familyKey).toBeNull();

    const fakeDetail = await loadAgentDetail(ctx.db, ctx.org.id, fake.id);
    const check = fakeDetail!.checks.find((c) => c.kind === 'lookalike');
    expect(check?.result).toBe('fail');
    expect(check?.detail).toContain('reads like “Claude Desktop”');
    expect(check?.detail).toContain('mixes Cyrillic and Latin letters');
    expect(fakeDetail!.family).toEqual([]);
    const realDetail = await loadAgentDetail(ctx.db, ctx.org.id, real.id);
    expect(realDetail!.checks.find((c) => c.kind === 'lookalike')?.result).toBe('pass');
  });
});
