import { SCHEME_DESCRIPTORS, type SchemeName } from '../../../src-main/api/schemes';

/**
 * What rotating the secret does to deliveries, read from the scheme table: both secrets sign
 * only where one request can carry several signatures.
 */
export function rotationNote(scheme: SchemeName): string {
  const { label, multipleSignatures, signatureHeaders } = SCHEME_DESCRIPTORS[scheme];
  const fresh = 'A new secret is generated.';
  if (signatureHeaders.length === 0)
    return `${fresh} Deliveries with this scheme are not signed, so receivers notice nothing.`;
  if (multipleSignatures) {
    return `${fresh} During the grace period deliveries carry signatures made with both secrets, so receivers can switch over.`;
  }
  return `${fresh} ${label} requests carry one signature, so deliveries are signed with the new secret only, from now on; receivers must accept it.`;
}
