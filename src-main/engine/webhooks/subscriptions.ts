import { eventTypeMatches } from '../../api/logFilters';

/** `*` matches all; `user.*` matches `user.created` and `user.profile.updated`; otherwise exact (the rule of api/logFilters.ts). */
export const subscriptionMatches = (pattern: string, type: string): boolean => eventTypeMatches(pattern, type);

export function isSubscribed(subscriptions: readonly string[], type: string): boolean {
  return subscriptions.some((p) => subscriptionMatches(p, type));
}
