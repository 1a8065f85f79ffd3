export {
  Receiver,
  DEFAULT_BODY_LIMIT_BYTES,
  DEFAULT_RECEIVER_HOST,
  DEFAULT_RECEIVER_PORT,
  type ListenOptions,
  type ReceiverOptions,
} from './receiver';
export { InboxService, slugify } from './inboxService';
export { RequestService } from './requestService';
export { registerReceiverRetention } from './retention';
