/** One export format: text before, per record, and after. A writer is made per export (it may keep state). */
import type { ExportKind } from '../../api/logSchemas';
import type { AttemptRecord, RequestRecord } from './records';

export type { ExportKind };

export interface FormatWriter {
  begin(): string;
  attempt(r: AttemptRecord): string;
  request(r: RequestRecord): string;
  end(): string;
}

export type FormatFactory = (kind: ExportKind) => FormatWriter;
