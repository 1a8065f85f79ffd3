/** A document as YAML text (its own module, so only `catalog export --yaml` loads the YAML writer). */
import { stringify } from 'yaml';

/** Shared objects are written out in full, never as YAML anchors and aliases. */
export const yamlText = (document: unknown): string => stringify(document, { aliasDuplicateObjects: false });
