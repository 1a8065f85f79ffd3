/**
 * The write worker's thread (writeWorker.ts starts it by path): a second connection to the
 * store's file that commits the batches it is sent with the same executor as the main thread
 * (executeBatch.js). Plain JavaScript: a worker thread gets no bundler or TypeScript loader.
 *
 * workerData: { module (better-sqlite3's path), file, nativeBinding?, walAutocheckpoint }.
 * Messages in: { id, batch, definitions } (the definitions it has not been sent yet, in id
 * order) and { close: true }; out: { ready: true } once the database is open,
 * { id, ok, results | message, code } and { closed: true }.
 */
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { executeBatch, preparedStatements } from './executeBatch.js';

const Database = createRequire(import.meta.url)(workerData.module);
const db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 5000');
db.pragma('temp_store = MEMORY');
db.pragma('cache_size = -65536');
db.pragma('wal_autocheckpoint = ' + workerData.walAutocheckpoint);
const definitions = [];
const definition = (id) => definitions[id];
const { statement, lastRowid } = preparedStatements(db, definition);

parentPort.postMessage({ ready: true });
parentPort.on('message', (m) => {
  if (m.close) {
    db.close();
    parentPort.postMessage({ closed: true });
    return;
  }
  if (m.definitions) definitions.push(...m.definitions);
  try {
    parentPort.postMessage({
      id: m.id,
      ok: true,
      results: executeBatch(db, statement, definition, lastRowid, m.batch.runs),
    });
  } catch (e) {
    parentPort.postMessage({ id: m.id, ok: false, message: String((e && e.message) || e), code: e && e.code });
  }
});
