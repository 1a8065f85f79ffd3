/**
 * Streams deliveries (one entry per attempt) or received requests as NDJSON, CSV or HAR 1.2,
 * with the list filters, in constant memory: records are read a page at a time, text is
 * written in ~64 KiB chunks, and the writer waits for 'drain' whenever the stream asks.
 */
import { HookbenchError } from '../../api/errors';
import { exportSchema, type ExportFormat, type ExportInput } from '../../api/logSchemas';
import type { ExportResult } from '../../api/logTypes';
import { parseInput } from '../../api/schemas';
import type { Db } from '../store/database';
import type { Store } from '../store/store';
import { csvWriter } from './csv';
import type { FormatFactory, FormatWriter } from './format';
import { harWriter } from './har';
import { ndjsonWriter } from './ndjson';
import { attemptPages, requestRecords, PAGE_SIZE } from './records';
import { writeFileSafely } from './safeFile';

export type ExportRequest = ExportInput & { workspaceId: string };

export const FORMATS: Record<ExportFormat, FormatFactory> = { ndjson: ndjsonWriter, csv: csvWriter, har: harWriter };
const CHUNK_CHARS = 64 * 1024;

/**
 * Writes the export to `out` and resolves with what was written. Validates before writing
 * anything (a bad input writes nothing). Does not end `out`: the caller owns it.
 */
export async function exportTo(
  source: Store | Db,
  input: ExportRequest,
  out: NodeJS.WritableStream,
  onProgress?: (rows: number) => void,
): Promise<{ rows: number; bytes: number }> {
  const parsed = parseInput(exportSchema, input);
  if (typeof input.workspaceId !== 'string' || input.workspaceId === '')
    throw new HookbenchError('validation', 'workspaceId is required', 'workspaceId');
  const db = 'prepare' in source ? source : source.db;
  const writer: FormatWriter = FORMATS[parsed.format](parsed.kind);
  const sink = new ChunkedSink(out);
  let rows = 0;
  try {
    sink.push(writer.begin());
    if (parsed.kind === 'deliveries') {
      for (const page of attemptPages(db, input.workspaceId, parsed.filters)) {
        for (const record of page) {
          sink.push(writer.attempt(record));
          rows++;
          if (sink.full) await sink.flush();
        }
        onProgress?.(rows);
      }
    } else {
      for (const record of requestRecords(db, input.workspaceId, parsed.filters)) {
        sink.push(writer.request(record));
        rows++;
        if (sink.full) await sink.flush();
        if (rows % PAGE_SIZE === 0) onProgress?.(rows);
      }
      onProgress?.(rows);
    }
    sink.push(writer.end());
    await sink.flush();
    return { rows, bytes: sink.bytes };
  } finally {
    sink.release();
  }
}

/**
 * Exports to the absolute `path` the person chose (desktop save dialog, CLI `--out`) through
 * writeFileSafely: validated before anything is written, never through a link or over a
 * non-regular file, created 0600 and renamed over `path` only once complete.
 */
export async function exportToFile(
  source: Store | Db,
  input: ExportRequest & { path: string },
  onProgress?: (rows: number) => void,
): Promise<ExportResult> {
  const { path, ...request } = input;
  parseInput(exportSchema, request);
  const { rows, bytes } = await writeFileSafely(path, (out) => exportTo(source, request, out, onProgress));
  return { path, rows, bytes };
}

/** Collects text into chunks and writes them with backpressure; an error of the stream fails the export. */
class ChunkedSink {
  bytes = 0;
  private parts: string[] = [];
  private chars = 0;
  private failure: Error | null = null;
  private readonly onError = (e: Error) => {
    this.failure ??= e;
  };

  constructor(private readonly out: NodeJS.WritableStream) {
    out.on('error', this.onError);
  }

  get full(): boolean {
    return this.chars >= CHUNK_CHARS;
  }

  push(text: string): void {
    if (text === '') return;
    this.parts.push(text);
    this.chars += text.length;
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.chars === 0) return;
    const chunk = Buffer.from(this.parts.join(''), 'utf8');
    this.parts = [];
    this.chars = 0;
    this.bytes += chunk.length;
    if (!this.out.write(chunk)) await this.drained();
    if (this.failure) throw this.failure;
  }

  release(): void {
    this.out.off('error', this.onError);
  }

  private drained(): Promise<void> {
    const out = this.out;
    return new Promise((resolve, reject) => {
      const done = (e?: Error) => {
        out.off('drain', onDrain);
        out.off('error', onFail);
        out.off('close', onClose);
        if (e) reject(e);
        else resolve();
      };
      const onDrain = () => done();
      const onFail = (e: Error) => done(e);
      const onClose = () =>
        done(new HookbenchError('unavailable', 'the export output was closed before the export finished'));
      out.on('drain', onDrain);
      out.on('error', onFail);
      out.on('close', onClose);
    });
  }
}
