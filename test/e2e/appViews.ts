/**
 * Every view of the app a layout is checked on: each page of the page table, plus the views
 * inside pages (a webhook's detail, the delivery and request drawers). The layout spec and the
 * screenshots visit this one list.
 */
import type { Locator, Page } from '@playwright/test';
import { PAGE_TABLE, PAGES, type PageKey } from '../../src-main/api/pages';
import { LONG, type Seeded } from './longValues';

export interface AppView {
  /** The screenshot's name: `<name>-1024.png`. */
  name: string;
  hash: string;
  /** Visible once the view has its data. */
  ready(page: Page): Locator;
  /** The view's main actions: they must be on screen without scrolling. */
  primary(page: Page): Locator[];
}

const button = (page: Page, name: string | RegExp) => page.getByRole('button', { name, exact: true }).first();

const PAGE_VIEWS: Record<PageKey, Omit<AppView, 'name' | 'hash'>> = {
  dashboard: {
    ready: (p) => p.getByText('Recent failures'),
    primary: (p) => [p.getByRole('link', { name: 'Fire event', exact: true }).last()],
  },
  webhooks: {
    ready: (p) => p.locator('[data-webhook-id]').first(),
    primary: (p) => [button(p, 'New webhook'), button(p, 'Send to a local inbox')],
  },
  fire: {
    ready: (p) => p.getByText("Payload (the event's data)"),
    primary: (p) => [p.getByRole('button', { name: /^Fire / }).first(), button(p, 'Custom event type')],
  },
  catalog: {
    ready: (p) => p.locator('[data-type-title]'),
    primary: (p) => [button(p, 'Import…'), button(p, 'Export OpenAPI')],
  },
  deliveries: {
    ready: (p) => p.locator('[data-delivery-id]').first(),
    primary: (p) => [button(p, 'Recover failed…'), p.getByRole('button', { name: /Export/ }).first()],
  },
  receiver: {
    ready: (p) => p.locator('[data-request-id]').first(),
    primary: (p) => [button(p, 'New inbox'), p.getByRole('button', { name: /Export/ }).first()],
  },
  alerts: {
    ready: (p) => p.locator('[data-alert-id]').first(),
    primary: (p) => [button(p, 'Mark all read')],
  },
  settings: {
    ready: (p) => p.getByRole('radiogroup', { name: 'Theme' }),
    primary: () => [],
  },
};

/** The pages in navigation order, each followed by the views inside it. */
export function appViews(seeded: Seeded): AppView[] {
  const inside: Partial<Record<PageKey, AppView[]>> = {
    webhooks: [
      {
        name: 'webhook-detail',
        hash: `#/webhooks/${seeded.failingWebhookId}`,
        ready: (p) => p.getByText('Configuration'),
        primary: (p) => [button(p, 'Edit'), button(p, 'Send test')],
      },
    ],
    deliveries: [
      {
        name: 'delivery-drawer',
        hash: `#/deliveries?delivery=${seeded.deliveryId}`,
        ready: (p) => p.getByText(/Attempts \(\d\)/),
        primary: (p) => [button(p, 'Redeliver')],
      },
    ],
    receiver: [
      {
        name: 'request-drawer',
        hash: `#/receiver/${seeded.inboxId}?request=${seeded.requestId}`,
        ready: (p) => p.getByLabel('Verification'),
        primary: () => [],
      },
    ],
  };
  return PAGES.flatMap((key) => [
    { name: key, hash: `#/${PAGE_TABLE[key].path}`, ...PAGE_VIEWS[key] },
    ...(inside[key] ?? []),
  ]).map((v) => (v.name === 'fire' ? { ...v, hash: `${v.hash}?type=${LONG.eventType}` } : v));
}
