import type { IncomingMessage } from 'node:http';

export interface ReadBody {
  /** At most `limit` bytes. */
  body: Buffer;
  /** More than `limit` bytes were sent; reading stopped there. */
  truncated: boolean;
  /** The client went away before the end of the body. */
  aborted: boolean;
  /** Bytes received so far, kept counting while the rest of a cut body drains (at least `body.length`). */
  readonly received: number;
}

/** A body that was not read (refused before the client sent it). */
export const UNREAD: ReadBody = { body: Buffer.alloc(0), truncated: true, aborted: false, received: 0 };

/**
 * Reads a request body up to `limit` bytes. Past the limit it stops collecting and lets the
 * rest drain unbuffered (discarded, but counted) until the response closes the connection.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<ReadBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let received = 0;
    let settled = false;
    const settle = (truncated: boolean, aborted: boolean) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      req.off('error', onClose);
      resolve({
        body: Buffer.concat(chunks, size),
        truncated,
        aborted,
        get received() {
          return received;
        },
      });
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (size + chunk.length > limit) {
        chunks.push(chunk.subarray(0, limit - size));
        size = limit;
        settle(true, false);
        req.on('data', (rest: Buffer) => (received += rest.length));
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
    };
    const onEnd = () => settle(false, false);
    const onClose = () => settle(false, !req.complete);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
    req.on('error', onClose);
  });
}
