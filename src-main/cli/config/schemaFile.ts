/** Where this installation's JSON Schema for config files is, and how a config file refers to it. */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_SCHEMA_PATH, CONFIG_SCHEMA_URL } from '../../api/configFile';

/** The schema file of this checkout or installed package: searched upwards from this module (source or bundle). */
export function installedSchemaFile(from = fileURLToPath(import.meta.url)): string | undefined {
  for (let dir = dirname(from), i = 0; i < 6; i++, dir = dirname(dir)) {
    const file = join(dir, CONFIG_SCHEMA_PATH);
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** `$schema` for a config file written into `dir`: the path from there to the schema file (`./node_modules/hookbench/…`), else the URL. */
export function schemaRefFrom(dir: string): string {
  const file = installedSchemaFile();
  if (!file) return CONFIG_SCHEMA_URL;
  const path = relative(dir, file).split(sep).join('/');
  // Outside the config's own tree (a global install, another checkout) a path would not travel: the URL does.
  if (path.startsWith('../') || isAbsolute(path)) return CONFIG_SCHEMA_URL;
  return `./${path}`;
}
