import { describe, expect, it } from 'vitest';
import { buildSearchQuery, MAX_SEARCH_WORDS, searchWordsOf } from './search-text';

describe('searchWordsOf', () => {
  it('splits on white space, drops repeats, keeps at most a few words', () => {
    expect(searchWordsOf('  alice  203.0.113  alice ')).toEqual(['alice', '203.0.113']);
    const many = Array.from({ length: 20 }, (_, i) => `w${i}`).join(' ');
    expect(searchWordsOf(many)).toHaveLength(MAX_SEARCH_WORDS);
    expect(searchWordsOf('   ')).toEqual([]);
  });
});

describe('buildSearchQuery', () => {
  it('matches a plain word as a prefix', () => {
    expect(buildSearchQuery([{ whole: 'alice', parts: ['alice'] }])).toBe("'alice':*");
  });

  it('matches a word with punctuation as a whole identifier or as its words in a row', () => {
    expect(buildSearchQuery([{ whole: 'alice@corp', parts: ['alice', 'corp'] }])).toBe(
      "('alice@corp':* | 'alice' & 'corp':*)",
    );
  });

  it('looks for a token reference or an id only as a whole identifier', () => {
    expect(buildSearchQuery([{ whole: 'tok_000001f5', parts: ['tok', '000001f5'] }])).toBe(
      "'tok_000001f5':*",
    );
    // Words without digits keep both ways: `create_issue` finds `github.create_issue`.
    expect(buildSearchQuery([{ whole: 'create_issue', parts: ['create', 'issue'] }])).toBe(
      "('create_issue':* | 'create' & 'issue':*)",
    );
  });

  it('requires every word', () => {
    expect(
      buildSearchQuery([
        { whole: 'tool', parts: ['tool'] },
        { whole: '::1', parts: [] },
      ]),
    ).toBe("'tool':* & '::1':*");
  });

  it('quotes what tsquery would otherwise read as syntax', () => {
    expect(buildSearchQuery([{ whole: "it's\\", parts: ['it', 's'] }])).toBe(
      "('it''s\\\\':* | 'it' & 's':*)",
    );
  });

  it('gives null when nothing was typed', () => {
    expect(buildSearchQuery([])).toBeNull();
    expect(buildSearchQuery([{ whole: '', parts: [] }])).toBeNull();
  });
});
