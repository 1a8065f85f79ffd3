/**
 * Slack as a provider: common Events API events in their `event_callback` wrapper, and the
 * `url_verification` handshake (the `slack` scheme adds `X-Slack-Signature` and
 * `X-Slack-Request-Timestamp`).
 */
import type { HeaderMap } from '../../signing/types';
import type { ProviderCatalog, ProviderType } from './provider';
import { callbackOf, SLACK_DEFINITIONS, SLACK_EVENTS, URL_VERIFICATION } from './slackEvents';
import { constant, object, ref, standaloneTypes, stringAt, type WrittenType } from './schemaWords';
import { derivedText, UPPER_ALPHANUMERIC } from './wireIds';

/** Slack's subscription names for messages, by the message's `channel_type`. */
const MESSAGE_TYPES: Record<string, string> = {
  channel: 'channels',
  group: 'groups',
  im: 'im',
  mpim: 'mpim',
  app_home: 'app_home',
};

const eventIdOf = (seed: string, salt: string) => `Ev${derivedText(seed, salt, 9, UPPER_ALPHANUMERIC)}`;

const WRITTEN: WrittenType[] = [
  ...SLACK_EVENTS.map((e) => ({
    type: e.type,
    description: e.description,
    sample: callbackOf(e.event, eventIdOf(e.type, 'slack-sample')),
    schema: {
      allOf: [ref('event_callback'), object({ event: e.kind === 'message' ? messageSchema(e.event) : ref(e.kind) })],
    },
  })),
  {
    type: 'url_verification',
    description: 'The handshake Slack sends when an Events API request URL is saved: answer with the challenge.',
    sample: URL_VERIFICATION,
    schema: ref('url_verification'),
  },
];

function messageSchema(event: Record<string, unknown>) {
  return { allOf: [ref('message'), object({ channel_type: constant(event.channel_type) })] };
}

let types: ProviderType[] | null = null;

export const slack: ProviderCatalog = {
  id: 'slack',
  title: 'Slack',
  scheme: 'slack',
  source:
    "Written by Hookbench from Slack's Events API reference: event_callback payloads and schemas of common events",
  types() {
    types ??= standaloneTypes(SLACK_DEFINITIONS, WRITTEN);
    return types;
  },
  materialize(payload, ctx) {
    const body = structuredClone(payload);
    if (body.type !== 'event_callback') return body;
    return { ...body, event_id: eventIdOf(ctx.eventId, 'slack-event'), event_time: Math.floor(ctx.now / 1000) };
  },
  headers() {
    return { 'Content-Type': 'application/json', 'User-Agent': 'Slackbot 1.0 (+https://api.slack.com/robots)' };
  },
  wireEventName: (type) => type,
  typeOfRequest(_headers: HeaderMap, body: unknown) {
    const outer = stringAt(body, 'type');
    if (outer !== 'event_callback') return outer;
    const type = stringAt(body, 'event', 'type');
    if (type !== 'message') return type;
    const channelType = stringAt(body, 'event', 'channel_type');
    return channelType && MESSAGE_TYPES[channelType] ? `message.${MESSAGE_TYPES[channelType]}` : 'message';
  },
};
