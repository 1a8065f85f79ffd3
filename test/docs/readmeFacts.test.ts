import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src-main/engine/events/catalog';
import { applyFacts, README_FACTS, README_PATH } from '../../scripts/readmeFacts';

const readme = readFileSync(README_PATH, 'utf8');

describe('the numbers the README states about the code', () => {
  it('are current (run `npm run docs` when this fails)', () => {
    const { stale, unknown } = applyFacts(readme);
    expect(unknown).toEqual([]);
    expect(stale).toEqual([]);
  });

  it('are each used in the README', () => {
    for (const fact of Object.keys(README_FACTS)) expect(readme).toContain(`<!-- fact:${fact} -->`);
  });

  it('catch a stale number and a marker naming no fact', () => {
    const { text, stale, unknown } = applyFacts(
      'a catalog of <!-- fact:catalogTypes -->71<!-- /fact --> types, <!-- fact:nope -->3<!-- /fact -->',
    );
    expect(stale).toEqual([{ fact: 'catalogTypes', was: '71', is: String(CATALOG.length) }]);
    expect(unknown).toEqual(['nope']);
    expect(text).toContain(`<!-- fact:catalogTypes -->${CATALOG.length}<!-- /fact -->`);
  });
});
