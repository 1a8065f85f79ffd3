/**
 * Run by exportFormats.test.ts in a child process with a small heap (--max-old-space-size):
 * seeds deliveries with big bodies and exports them all to a sink that only counts. If the
 * export held its rows, its text or its output, the child would run out of heap and die.
 * argv: <db file> <format> <deliveries> <body padding bytes>. Prints one JSON line.
 */
import { Writable } from 'node:stream';
import { exportTo } from '../../src-main/engine/export/exporter';
import { openDatabase } from '../../src-main/engine/store/database';
import { seedDeliveries } from '../bench/logsSection';

const [file, format, count, padding] = process.argv.slice(2);
const db = openDatabase(file!);
db.prepare("INSERT OR IGNORE INTO workspaces (id, name, created_at) VALUES ('ws_default', 'Default', 0)").run();
seedDeliveries(db, Number(count));
db.prepare("UPDATE events SET body = json_set(body, '$.data.padding', printf('%.*c', ?, 'x'))").run(Number(padding));
let written = 0;
const sink = new Writable({
  highWaterMark: 1 << 20,
  write(chunk: Buffer, _enc, done) {
    written += chunk.length;
    setImmediate(done);
  },
});
const result = await exportTo(db, { kind: 'deliveries', format: format as 'ndjson', workspaceId: 'ws_default' }, sink);
await new Promise<void>((resolve) => sink.end(resolve));
const attempts = db.prepare('SELECT count(*) FROM attempts').pluck().get();
db.close();
process.stdout.write(
  JSON.stringify({
    ...result,
    written,
    attempts,
    heapLimitMb: Math.round((await import('node:v8')).getHeapStatistics().heap_size_limit / 2 ** 20),
  }) + '\n',
);
