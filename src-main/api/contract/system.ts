import { z } from 'zod';
import { statsQuerySchema } from '../logSchemas';
import type { Stats } from '../logTypes';
import { idSchema, settingsPatchSchema, type Settings } from '../schemas';
import type { Alert } from '../types';
import { emptyInput, op, returns } from './define';

export const systemOperations = {
  'alerts.list': op({
    input: z.strictObject({
      workspaceId: idSchema.optional(),
      unreadOnly: z.boolean().default(false),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    result: returns<{ alerts: Alert[]; unread: number }>(),
    rest: { method: 'GET', path: '/alerts' },
    summary: 'Alerts, newest first, and the unread count',
    mutates: false,
  }),
  'alerts.markRead': op({
    input: z
      .strictObject({
        workspaceId: idSchema.optional(),
        ids: z.array(idSchema).optional(),
        all: z.boolean().default(false),
      })
      .refine((v) => v.all || (v.ids?.length ?? 0) > 0, { message: 'give ids or all: true', path: ['ids'] }),
    result: returns<{ updated: number; unread: number }>(),
    rest: { method: 'POST', path: '/alerts/read' },
    summary: 'Mark alerts read',
    mutates: true,
  }),
  'stats.overview': op({
    input: statsQuerySchema.strict(),
    result: returns<Stats>(),
    rest: { method: 'GET', path: '/stats' },
    summary: 'Statistics per webhook and event type, with a time series',
    mutates: false,
  }),
  'settings.get': op({
    input: emptyInput,
    result: returns<Settings>(),
    rest: { method: 'GET', path: '/settings' },
    summary: 'Read settings',
    mutates: false,
  }),
  'settings.update': op({
    input: settingsPatchSchema,
    result: returns<Settings>(),
    rest: { method: 'PATCH', path: '/settings' },
    summary: 'Change settings (receiver port and bind, retention, default retry policy, alert thresholds, theme)',
    mutates: true,
  }),
};
