/**
 * Numbers the README states about the code, computed from the code. In the README each one sits
 * between markers — `<!-- fact:catalogTypes -->73<!-- /fact -->` — and `npm run docs` rewrites
 * them; `test/docs/readmeFacts.test.ts` fails when one is stale or a marker names no fact.
 *
 *   tsx scripts/readmeFacts.ts          checks, exit 1 when stale
 *   tsx scripts/readmeFacts.ts --write  rewrites README.md
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PAGE_TABLE } from '../src-main/api/pages';
import { SCHEME_DESCRIPTORS } from '../src-main/api/schemes';
import { CATALOG, CATEGORIES } from '../src-main/engine/events/catalog';

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const inWords = (n: number) => WORDS[n] ?? String(n);

export const README_FACTS = {
  catalogTypes: () => String(CATALOG.length),
  catalogCategories: () => String(CATEGORIES.length),
  /** Schemes that sign (`none` does not), in words: "six signing schemes". */
  signingSchemes: () => inWords(Object.values(SCHEME_DESCRIPTORS).filter((d) => d.signatureHeaders.length > 0).length),
  pages: () => String(Object.keys(PAGE_TABLE).length),
} satisfies Record<string, () => string>;

const MARKER = /<!-- fact:(\w+) -->(.*?)<!-- \/fact -->/g;

export interface FactCheck {
  text: string;
  stale: { fact: string; was: string; is: string }[];
  unknown: string[];
}

/** The README with every fact current, and what was stale or unknown. */
export function applyFacts(readme: string): FactCheck {
  const stale: FactCheck['stale'] = [];
  const unknown: string[] = [];
  const text = readme.replace(MARKER, (whole, fact: string, was: string) => {
    const compute = (README_FACTS as Record<string, (() => string) | undefined>)[fact];
    if (!compute) {
      unknown.push(fact);
      return whole;
    }
    const is = compute();
    if (is !== was) stale.push({ fact, was, is });
    return `<!-- fact:${fact} -->${is}<!-- /fact -->`;
  });
  return { text, stale, unknown };
}

export const README_PATH = fileURLToPath(new URL('../README.md', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { text, stale, unknown } = applyFacts(readFileSync(README_PATH, 'utf8'));
  for (const f of unknown) console.error(`README names an unknown fact: ${f}`);
  for (const s of stale) console.error(`README ${s.fact}: ${s.was} → ${s.is}`);
  if (process.argv.includes('--write')) {
    writeFileSync(README_PATH, text);
    console.log(stale.length ? `README.md: ${stale.length} fact(s) updated` : 'README.md: facts current');
  } else if (stale.length) {
    console.error('Run `npm run docs` to update them.');
  }
  process.exitCode = unknown.length || (stale.length && !process.argv.includes('--write')) ? 1 : 0;
}
