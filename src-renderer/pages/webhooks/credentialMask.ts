/** How the webhook pages show credentials until revealed (which values are credentials: api/credentials.ts). */
import { CREDENTIAL_HEADERS, redactUrl } from '../../../src-main/api/credentials';

export const CREDENTIAL_MASK = '••••••';

/** The URL with its password (or lone token) masked. */
export const maskedUrl = (url: string) => redactUrl(url, CREDENTIAL_MASK);

/** Always secret, whatever the webhook marks. */
export const isBuiltInCredential = (name: string) => CREDENTIAL_HEADERS.includes(name.trim().toLowerCase());
