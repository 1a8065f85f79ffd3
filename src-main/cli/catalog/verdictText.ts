/** A request's schema verdict in one phrase, as `hookbench listen` prints it after the signature's. */
import type { SchemaVerdictStatus } from '../../api/catalogTypes';
import type { SchemaVerdictBrief } from '../../api/receiverTypes';
import { issueText } from '../../engine/catalogs/schemaValidator';
import type { Paint } from '../color';

const MARKS: Record<SchemaVerdictStatus, { text: string; tone: 'good' | 'bad' | 'warn' }> = {
  valid: { text: 'schema ok', tone: 'good' },
  invalid: { text: 'schema ✗', tone: 'bad' },
  unknown_type: { text: 'schema ?', tone: 'warn' },
  no_schema: { text: 'schema –', tone: 'warn' },
  not_json: { text: 'schema ✗', tone: 'bad' },
};

/**
 * The schema verdict as `listen` prints it after the signature's: `schema ok pull_request.opened`,
 * `schema ✗ payment_intent.succeeded /data/amount: must be integer (…) (+2 more)`.
 */
export function schemaVerdictText(v: SchemaVerdictBrief, paint: Paint): string {
  const mark = paint(MARKS[v.status].tone, MARKS[v.status].text);
  const type = v.type ?? '(no type)';
  switch (v.status) {
    case 'valid':
      return `${mark} ${type}`;
    case 'invalid': {
      const more = v.issueCount > 1 ? ` (+${v.issueCount - 1} more)` : '';
      return `${mark} ${type} ${v.firstIssue ? issueText(v.firstIssue) : ''}${more}`;
    }
    case 'unknown_type':
      return v.type === null ? `${mark} names no event type` : `${mark} ${v.type} is not in the ${v.catalog} catalog`;
    case 'no_schema':
      return `${mark} ${type} has no schema`;
    case 'not_json':
      return `${mark} the body is not JSON`;
  }
}
