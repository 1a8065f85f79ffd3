/** A Workbench on a temp data dir with the web host in front of it, for the host tests. */
import { request as httpRequest } from 'node:http';
import { Workbench } from '../../src-main/engine/workbench';
import { startWebHost, type WebHost, type WebHostOptions } from '../../src-main/host/webHost';
import { tempDir } from '../support/tmp';

export interface HostFixture {
  wb: Workbench;
  host: WebHost;
  dir: string;
  close(): Promise<void>;
}

export async function startHostFixture(
  opts: Omit<WebHostOptions, 'workbench'> = {},
  receiver: { port: number } | false = false,
): Promise<HostFixture> {
  const tmp = tempDir('hookbench-host-');
  const wb = await Workbench.open({ dataDir: tmp.dir, receiver });
  let host: WebHost;
  try {
    host = await startWebHost({ workbench: wb, port: 0, ...opts });
  } catch (e) {
    await wb.close();
    tmp.cleanup();
    throw e;
  }
  return {
    wb,
    host,
    dir: tmp.dir,
    async close() {
      await host.close();
      await wb.close();
      tmp.cleanup();
    },
  };
}

/**
 * A request with exactly the headers given (node:http, so Host and the raw path are ours to
 * choose, which fetch-style clients normalise).
 */
export function rawRequest(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: { host: `127.0.0.1:${port}`, ...(opts.headers ?? {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = undefined;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}
