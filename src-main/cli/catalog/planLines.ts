/** What `hookbench catalog import` prints: one line per type the document holds, then what was (or would be) done. */
import type { ImportChange, ImportPlan } from '../../api/catalogTypes';
import { pad } from '../output';

const FORMAT_NAMES: Record<ImportPlan['format'], string> = {
  'openapi-3.1': 'OpenAPI 3.1',
  'asyncapi-2': 'AsyncAPI 2',
  'asyncapi-3': 'AsyncAPI 3',
  'hookbench-openapi': 'OpenAPI 3.1 (a Hookbench export)',
};

const MARK: Record<ImportChange['change'], string> = { add: '+', update: '~', unchanged: '=' };

export function planLines(file: string, plan: ImportPlan): string[] {
  const width = Math.max(0, ...plan.changes.map((c) => c.type.length)) + 2;
  const title = plan.title ? ` “${plan.title}”` : '';
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const lines = [`${file}: ${FORMAT_NAMES[plan.format]}${title}, ${count(plan.changes.length, 'event type')}`];
  for (const c of plan.changes)
    lines.push(
      `  ${MARK[c.change]} ${pad(c.type, width)}${c.change}${c.fields.length ? `: ${c.fields.join(', ')}` : ''}`,
    );
  const n = (change: ImportChange['change']) => plan.changes.filter((c) => c.change === change).length;
  const [added, updated, unchanged] = [n('add'), n('update'), n('unchanged')];
  if (plan.applied) lines.push(`Imported: ${added} added, ${updated} updated, ${unchanged} unchanged.`);
  else if (added + updated === 0) lines.push(`Nothing to import: all ${unchanged} unchanged.`);
  else
    lines.push(
      `Dry run: ${added} would be added, ${updated} updated, ${unchanged} unchanged. Nothing was written; run without --dry-run to import.`,
    );
  return lines;
}
