/** A `listen --expect` run as JUnit XML: one testsuite, one testcase per expectation, misses as failures. */
import { outcomeDetails, outcomeHeadline, strayNotes, summaryLine, type ExpectRun } from './report';

const SUITE = 'hookbench listen';

/** Text safe inside an XML attribute or element: escaped, and without the characters XML 1.0 forbids. */
export function xmlText(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

const secs = (ms: number) => (ms / 1000).toFixed(3);

export function junitXml(run: ExpectRun, startedAt: Date): string {
  const failures = run.outcomes.filter((o) => !o.met).length;
  const time = secs(run.elapsedMs);
  const cases = run.outcomes.map((o) => {
    const open = `    <testcase classname="${xmlText(SUITE)}" name="${xmlText(o.label)}" time="${secs(o.metAtMs ?? run.elapsedMs)}"`;
    if (o.met) return `${open}/>`;
    const text = [outcomeHeadline(o), ...outcomeDetails(o, run), ...strayNotes(run), summaryLine(run)].join('\n');
    const message = `got ${o.got} of ${o.count} valid`;
    return [
      `${open}>`,
      `      <failure message="${xmlText(message)}" type="expectation">${xmlText(text)}</failure>`,
      '    </testcase>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="hookbench" tests="${run.outcomes.length}" failures="${failures}" errors="0" time="${time}">`,
    `  <testsuite name="${SUITE}" tests="${run.outcomes.length}" failures="${failures}" errors="0" skipped="0" ` +
      `time="${time}" timestamp="${startedAt.toISOString().slice(0, 19)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
