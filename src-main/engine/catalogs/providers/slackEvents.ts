/**
 * Slack's Events API payloads and their JSON Schemas (draft 2020-12), written by Hookbench from
 * Slack's Events API reference: the `event_callback` wrapper around each event, and the
 * `url_verification` handshake. One workspace (T0…), one app (A0…), one channel (C0…).
 */
import type { Definitions } from './schemaClosure';
import { arrayOf, boolean, constant, integer, map, nullable, object, oneOfValues, ref, string } from './schemaWords';

type Obj = Record<string, unknown>;

const TEAM = 'T061EG9R6';
const APP = 'A0KRD7HC3';
const BOT_USER = 'U0LAN0Z89';
const USER = 'U061F7AUR';
const CHANNEL = 'C0LAN2Q65';
const DM = 'D0LAN2Q68';
const TS = '1718884800.000200';
export const EVENT_TIME = 1718884800;

const user = (pattern: string) => string({ pattern });
const userId = () => user('^[UW][A-Z0-9]+$');
const channelId = () => string({ pattern: '^[CGD][A-Z0-9]+$' });
const ts = () => string({ pattern: '^[0-9]+\\.[0-9]+$' });

export const SLACK_DEFINITIONS: Definitions = {
  authorization: object({
    enterprise_id: nullable(string()),
    team_id: string(),
    user_id: userId(),
    is_bot: boolean(),
    is_enterprise_install: boolean(),
  }),
  event_callback: object(
    {
      token: string(),
      team_id: string({ pattern: '^T[A-Z0-9]+$' }),
      api_app_id: string({ pattern: '^A[A-Z0-9]+$' }),
      event: object({ type: string() }),
      type: constant('event_callback'),
      event_id: string({ pattern: '^Ev[A-Z0-9]+$' }),
      event_time: integer({ minimum: 0 }),
      authorizations: arrayOf(ref('authorization')),
      is_ext_shared_channel: boolean(),
    },
    { event_context: string(), context_team_id: nullable(string()), context_enterprise_id: nullable(string()) },
  ),
  url_verification: object({ token: string(), challenge: string(), type: constant('url_verification') }),
  app_mention: object(
    { type: constant('app_mention'), user: userId(), text: string(), ts: ts(), channel: channelId(), event_ts: ts() },
    { client_msg_id: string(), team: string(), blocks: arrayOf(map()), thread_ts: ts() },
  ),
  message: object(
    {
      type: constant('message'),
      channel: channelId(),
      user: userId(),
      text: string(),
      ts: ts(),
      event_ts: ts(),
      channel_type: oneOfValues('channel', 'group', 'im', 'mpim', 'app_home'),
    },
    { client_msg_id: string(), team: string(), blocks: arrayOf(map()), subtype: string(), thread_ts: ts() },
  ),
  reaction: object({
    type: oneOfValues('reaction_added', 'reaction_removed'),
    user: userId(),
    reaction: string(),
    item_user: userId(),
    item: object({ type: oneOfValues('message', 'file', 'file_comment'), channel: channelId(), ts: ts() }),
    event_ts: ts(),
  }),
  member_joined_channel: object(
    {
      type: constant('member_joined_channel'),
      user: userId(),
      channel: channelId(),
      channel_type: string(),
      team: string(),
    },
    { inviter: userId(), event_ts: ts() },
  ),
  channel_created: object(
    {
      type: constant('channel_created'),
      channel: object(
        { id: channelId(), name: string(), created: integer(), creator: userId() },
        { is_channel: boolean() },
      ),
    },
    { event_ts: ts() },
  ),
  team_join: object(
    {
      type: constant('team_join'),
      user: object(
        { id: userId(), team_id: string(), name: string(), deleted: boolean(), is_bot: boolean(), updated: integer() },
        { real_name: string(), tz: string(), profile: map() },
      ),
    },
    { event_ts: ts(), cache_ts: integer() },
  ),
  app_home_opened: object(
    { type: constant('app_home_opened'), user: userId(), channel: channelId(), tab: oneOfValues('home', 'messages') },
    { event_ts: ts(), view: map() },
  ),
  app_uninstalled: object({ type: constant('app_uninstalled') }, { event_ts: ts() }),
};

const richText = (text: string): Obj[] => [
  {
    type: 'rich_text',
    block_id: 'Bk3mP',
    elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }],
  },
];

/** The event payloads, by catalog type: the `$defs` name of each and the `event` member. */
export const SLACK_EVENTS: { type: string; description: string; kind: string; event: Obj }[] = [
  {
    type: 'app_mention',
    description: 'Someone mentioned the app in a conversation.',
    kind: 'app_mention',
    event: {
      type: 'app_mention',
      user: USER,
      text: `<@${BOT_USER}> can you deploy the hook?`,
      ts: TS,
      client_msg_id: 'f3c9b2a1-5d6e-4f70-8a91-b2c3d4e5f607',
      team: TEAM,
      blocks: richText('can you deploy the hook?'),
      channel: CHANNEL,
      event_ts: TS,
    },
  },
  {
    type: 'message.channels',
    description: 'A message was posted in a public channel.',
    kind: 'message',
    event: {
      type: 'message',
      channel: CHANNEL,
      user: USER,
      text: 'The webhook fired twice, can someone check?',
      ts: TS,
      client_msg_id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      team: TEAM,
      blocks: richText('The webhook fired twice, can someone check?'),
      event_ts: TS,
      channel_type: 'channel',
    },
  },
  {
    type: 'message.im',
    description: 'A message was posted in a direct message with the app.',
    kind: 'message',
    event: {
      type: 'message',
      channel: DM,
      user: USER,
      text: 'status',
      ts: TS,
      client_msg_id: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9',
      team: TEAM,
      blocks: richText('status'),
      event_ts: TS,
      channel_type: 'im',
    },
  },
  {
    type: 'reaction_added',
    description: 'Someone added an emoji reaction to an item.',
    kind: 'reaction',
    event: {
      type: 'reaction_added',
      user: USER,
      reaction: 'eyes',
      item_user: BOT_USER,
      item: { type: 'message', channel: CHANNEL, ts: TS },
      event_ts: '1718884860.000300',
    },
  },
  {
    type: 'reaction_removed',
    description: 'Someone removed an emoji reaction from an item.',
    kind: 'reaction',
    event: {
      type: 'reaction_removed',
      user: USER,
      reaction: 'eyes',
      item_user: BOT_USER,
      item: { type: 'message', channel: CHANNEL, ts: TS },
      event_ts: '1718884920.000400',
    },
  },
  {
    type: 'member_joined_channel',
    description: 'A user joined a channel.',
    kind: 'member_joined_channel',
    event: {
      type: 'member_joined_channel',
      user: 'W06GH7XHN',
      channel: CHANNEL,
      channel_type: 'C',
      team: TEAM,
      inviter: USER,
      event_ts: TS,
    },
  },
  {
    type: 'channel_created',
    description: 'A channel was created.',
    kind: 'channel_created',
    event: {
      type: 'channel_created',
      channel: { id: 'C024BE91L', name: 'webhooks', created: EVENT_TIME, creator: USER, is_channel: true },
      event_ts: TS,
    },
  },
  {
    type: 'team_join',
    description: 'A new member joined the workspace.',
    kind: 'team_join',
    event: {
      type: 'team_join',
      user: {
        id: 'U07ABCD1234',
        team_id: TEAM,
        name: 'grace',
        deleted: false,
        real_name: 'Grace Hopper',
        tz: 'America/New_York',
        is_bot: false,
        updated: EVENT_TIME,
        profile: { real_name: 'Grace Hopper', display_name: 'grace', email: 'grace@example.com' },
      },
      cache_ts: EVENT_TIME,
      event_ts: TS,
    },
  },
  {
    type: 'app_home_opened',
    description: "A user opened the app's Home tab.",
    kind: 'app_home_opened',
    event: { type: 'app_home_opened', user: USER, channel: DM, tab: 'home', event_ts: TS },
  },
  {
    type: 'app_uninstalled',
    description: 'The app was uninstalled from the workspace.',
    kind: 'app_uninstalled',
    event: { type: 'app_uninstalled', event_ts: TS },
  },
];

/** The `event_callback` wrapper Slack puts around an event. */
export function callbackOf(event: Obj, eventId: string): Obj {
  return {
    token: 'XXYYZZ1234abcdefghijklmn',
    team_id: TEAM,
    api_app_id: APP,
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: EVENT_TIME,
    authorizations: [
      { enterprise_id: null, team_id: TEAM, user_id: BOT_USER, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
    event_context:
      '4-eyJldCI6ImFwcF9tZW50aW9uIiwidGlkIjoiVDA2MUVHOVI2IiwiYWlkIjoiQTBLUkQ3SEMzIiwiY2lkIjoiQzBMQU4yUTY1In0',
  };
}

export const URL_VERIFICATION: Obj = {
  token: 'XXYYZZ1234abcdefghijklmn',
  challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
  type: 'url_verification',
};
