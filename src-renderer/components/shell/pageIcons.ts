/** Each page's nav icon, keyed by the page table's keys (src-main/api/pages.ts): a page without one does not compile. */
import {
  IconBell,
  IconBolt,
  IconBooks,
  IconInbox,
  IconLayoutDashboard,
  IconListDetails,
  IconSettings,
  IconWebhook,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { PageKey } from '../../../src-main/api/pages';

export const PAGE_ICON: Record<PageKey, ComponentType<{ size?: number }>> = {
  dashboard: IconLayoutDashboard,
  webhooks: IconWebhook,
  fire: IconBolt,
  catalog: IconBooks,
  deliveries: IconListDetails,
  receiver: IconInbox,
  alerts: IconBell,
  settings: IconSettings,
};
