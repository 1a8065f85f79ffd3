/** `*` matches all; `user.*` matches `user.created` and `user.profile.updated`; otherwise exact. */
export function subscriptionMatches(pattern: string, type: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}

export function isSubscribed(subscriptions: readonly string[], type: string): boolean {
  return subscriptions.some((p) => subscriptionMatches(p, type));
}
