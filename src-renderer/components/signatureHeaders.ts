/** Headers that carry a signature, its timestamp, or the ids a receiver checks (highlighted in views). */
export const isSignatureHeader = (name: string): boolean => /signature|hmac|timestamp|webhook-id|-delivery|-event$|-topic$/i.test(name);
