/**
 * A new random secret for an inbox. `whsec_` + base64 works for every scheme: Standard
 * Webhooks decodes the part after the prefix, the others use the string's bytes as the key.
 */
export function generateSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}
