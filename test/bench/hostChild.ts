/**
 * The web host as people run it (`hookbench serve`: the Workbench — engine, receiver — and the
 * web host in one process, one event loop), in a child process for the `api` bench section, on a
 * fresh data dir. argv[2]: JSON { dataDir }. Sends { type: 'ready', origin, token } over IPC;
 * closes and exits when the parent disconnects.
 */
import { Workbench } from '../../src-main/engine/workbench';
import { startWebHost } from '../../src-main/host/webHost';

export type HostChildMessage = { type: 'ready'; origin: string; token: string } | { type: 'failed'; message: string };

const { dataDir } = JSON.parse(process.argv[2] ?? '{}') as { dataDir: string };
const send = (m: HostChildMessage) => process.send?.(m);

try {
  const workbench = await Workbench.open({ dataDir, receiver: { port: 0 } });
  const host = await startWebHost({ workbench, port: 0 });
  process.on('disconnect', () => {
    void host
      .close()
      .then(() => workbench.close())
      .finally(() => process.exit(0));
  });
  send({ type: 'ready', origin: host.origin, token: host.token });
} catch (e) {
  send({ type: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  process.exit(1);
}
