/**
 * One export file name on every face: the web download's Content-Disposition (a real host on
 * 127.0.0.1), the desktop save dialog's proposed name, the renderer's download link and the
 * CLI's `--out <folder>` (a real `hookbench export` child process) agree for every kind and
 * format, and all read the one format table.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXPORT_FORMAT_TABLE,
  EXPORT_FORMATS,
  EXPORT_KINDS,
  type ExportFormat,
  type ExportKind,
} from '../../src-main/api/exportFormats';
import { exportSchema } from '../../src-main/api/logSchemas';
import { buildOpenApi } from '../../src-main/api/openapi';
import { outPath } from '../../src-main/cli/commands/export';
import { defaultExportName, exportFilters, withExtension } from '../../src-main/desktop/exportDialogOptions';
import { Workbench } from '../../src-main/engine/workbench';
import { exportLink } from '../../src-renderer/api/exportLink';
import { CLI_TEST_TIMEOUT_MS, runCli } from '../cli/cliHarness';
import { rawRequest, startHostFixture, type HostFixture } from '../host/hostHarness';
import { tempDir } from '../support/tmp';

const FACES = {
  desktop: (kind: ExportKind, format: ExportFormat, at: Date) => defaultExportName(kind, format, at),
  renderer: (kind: ExportKind, format: ExportFormat, at: Date) =>
    exportLink({ kind, format, filters: {}, token: 't' }, at).download,
  cli: (kind: ExportKind, format: ExportFormat, at: Date) => basename(outPath(tmpdir(), kind, format, at)),
};
const cases = EXPORT_KINDS.flatMap((kind) => EXPORT_FORMATS.map((format) => [kind, format] as const));

/** The names a face could have given between two instants (one per second). */
function namesBetween(before: Date, after: Date, name: (at: Date) => string): string[] {
  const names = new Set<string>();
  for (let t = Math.floor(before.getTime() / 1000) * 1000; t <= after.getTime(); t += 1000)
    names.add(name(new Date(t)));
  return [...names];
}

describe('export file names', () => {
  let f: HostFixture;
  beforeAll(async () => {
    f = await startHostFixture({}, false);
  });
  afterAll(async () => f?.close());

  it.each(cases)(
    'the download, the desktop dialog and the renderer link name a %s %s export alike',
    async (kind, format) => {
      const before = new Date();
      const res = await rawRequest(f.host.port, {
        path: `/api/v1/export?kind=${kind}&format=${format}`,
        headers: { authorization: `Bearer ${f.host.token}` },
      });
      const after = new Date();
      expect(res.status).toBe(200);
      const downloaded = /^attachment; filename="([^"]+)"$/.exec(String(res.headers['content-disposition']))?.[1];
      expect(namesBetween(before, after, (at) => FACES.desktop(kind, format, at))).toContain(downloaded);
      expect(res.headers['content-type']).toBe(`${EXPORT_FORMAT_TABLE[format].mediaType}; charset=utf-8`);

      const at = new Date(2025, 0, 9, 7, 5, 3);
      const names = Object.values(FACES).map((face) => face(kind, format, at));
      expect(names).toEqual(
        names.map(() => `hookbench-${kind}-20250109-070503.${EXPORT_FORMAT_TABLE[format].extension}`),
      );
    },
  );

  it(
    'the CLI writes into a folder under the same name',
    async () => {
      const data = tempDir('hookbench-names-cli-');
      try {
        await (await Workbench.open({ dataDir: data.dir, receiver: false, deliver: false })).close();
        const folder = join(data.dir, 'exports');
        mkdirSync(folder);
        for (const format of EXPORT_FORMATS) {
          const before = new Date();
          const r = await runCli([
            'export',
            '--kind',
            'requests',
            '--format',
            format,
            '--out',
            folder,
            '--data-dir',
            data.dir,
          ]);
          const after = new Date();
          expect(r.stderr).toContain('exported 0 requests');
          expect(r.code).toBe(0);
          const written = readdirSync(folder).filter((n) => n.endsWith(`.${EXPORT_FORMAT_TABLE[format].extension}`));
          expect(written).toHaveLength(1);
          expect(namesBetween(before, after, (at) => FACES.desktop('requests', format, at))).toContain(written[0]);
        }
      } finally {
        data.cleanup();
      }
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it('takes the dialog filter, the extension, the zod enum and the OpenAPI media types from the one table', () => {
    for (const format of EXPORT_FORMATS) {
      const row = EXPORT_FORMAT_TABLE[format];
      expect(exportFilters(format)[0]).toEqual({
        name: row.dialogFilter.name,
        extensions: [...row.dialogFilter.extensions],
      });
      expect(row.dialogFilter.extensions[0]).toBe(row.extension);
      expect(withExtension('/tmp/report', format)).toBe(`/tmp/report.${row.extension}`);
      expect(exportSchema.safeParse({ kind: 'deliveries', format }).success).toBe(true);
    }
    expect(exportSchema.safeParse({ kind: 'deliveries', format: 'xlsx' }).success).toBe(false);
    type Download = {
      parameters: { name: string; schema: { enum?: string[] } }[];
      responses: { '200': { content: object } };
    };
    const doc = buildOpenApi('0') as { paths: Record<string, { get: Download }> };
    const download = doc.paths['/export']!.get;
    expect(download.parameters.find((p) => p.name === 'format')!.schema.enum).toEqual(EXPORT_FORMATS);
    expect(Object.keys(download.responses['200'].content).sort()).toEqual(
      [...new Set(EXPORT_FORMATS.map((f) => EXPORT_FORMAT_TABLE[f].mediaType))].sort(),
    );
  });
});
