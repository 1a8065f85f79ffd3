/** The logs: search, statistics and the free-text index. */
export { searchDeliveries, type DeliverySearch } from './deliverySearch';
export { searchRequests, UNROUTED, type RequestSearch } from './requestSearch';
export { computeStats, webhookSummaries, DEFAULT_STATS_BUCKETS, type StatsSearch, type WebhookSummary } from './stats';
export { rebuildSearchIndex, syncSearchIndex } from './searchIndex';
