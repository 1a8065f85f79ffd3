/** Request bodies and payloads from an option, a file or stdin (`-`), always as bytes. */
import { readFile } from 'node:fs/promises';
import type { CliIo } from './context';
import { UsageError } from './context';

export interface BodySource {
  /** The inline value (`--body`). */
  value?: string;
  /** A file path, or `-` for stdin (`--body-file`). */
  file?: string;
}

export interface BodyFlags {
  value: string;
  file: string;
}

const BODY_FLAGS: BodyFlags = { value: '--body', file: '--body-file' };

/** Why a file could not be read, in words (`no such file`, `it is a directory`, else the system's message). */
export function unreadableReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'it is a directory' : err.message;
}

/** Reads stdin to the end as raw bytes. */
export async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/**
 * The bytes given by exactly one of the two options; undefined when neither was given and
 * the body is optional. An inline value is its UTF-8 bytes; a file is read as is, never re-encoded.
 */
export async function readBodySource(
  source: BodySource,
  io: CliIo,
  opts: { flags?: BodyFlags; required?: boolean } = {},
): Promise<Buffer | undefined> {
  const flags = opts.flags ?? BODY_FLAGS;
  if (source.value !== undefined && source.file !== undefined) {
    throw new UsageError(`give ${flags.value} or ${flags.file}, not both`);
  }
  if (source.value !== undefined) return Buffer.from(source.value, 'utf8');
  if (source.file !== undefined) {
    if (source.file === '-') return readStream(io.stdin);
    try {
      return await readFile(source.file);
    } catch (e) {
      throw new UsageError(`${flags.file}: cannot read ${source.file}: ${unreadableReason(e)}`);
    }
  }
  if (opts.required ?? true)
    throw new UsageError(`give the body with ${flags.value} <text> or ${flags.file} <path> (- for stdin)`);
  return undefined;
}

/** `--body` / `--body-file`, one of them required. */
export async function readBody(source: BodySource, io: CliIo): Promise<Buffer> {
  return (await readBodySource(source, io, { required: true }))!;
}
