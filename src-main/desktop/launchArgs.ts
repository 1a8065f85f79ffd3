/** The desktop app's own command-line options. Pure. */
import { isAbsolute, resolve } from 'node:path';

/** `--data-dir <path>` or `--data-dir=<path>` (as `hookbench serve` takes it); null when absent. */
export function dataDirArg(argv: readonly string[], cwd: string): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    let value: string | undefined;
    if (arg.startsWith('--data-dir=')) value = arg.slice('--data-dir='.length);
    else if (arg === '--data-dir') value = argv[i + 1];
    if (value !== undefined && value !== '') return isAbsolute(value) ? value : resolve(cwd, value);
  }
  return null;
}
