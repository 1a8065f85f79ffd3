/**
 * Writes schema/hookbench.config.schema.json, the JSON Schema editors use for hookbench.config.json,
 * from the contract's zod schema (src-main/api/configFile.ts), formatted as the repository formats
 * JSON. test/cli/configFile.test.ts fails when the committed file is stale.
 *
 *   npx tsx scripts/writeConfigSchema.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { CONFIG_SCHEMA_PATH, configJsonSchema } from '../src-main/api/configFile';

const file = fileURLToPath(new URL(`../${CONFIG_SCHEMA_PATH}`, import.meta.url));
const options = { ...(await resolveConfig(file)), filepath: file };
writeFileSync(file, await format(JSON.stringify(configJsonSchema()), options));
process.stdout.write(`hookbench: wrote ${CONFIG_SCHEMA_PATH}\n`);
