import { z } from 'zod';
import { catalogTypeNameSchema, customEventTypeSchema, fireEventSchema, idSchema } from '../schemas';
import type { Delivery, EventEnvelope, EventTypeInfo, Webhook } from '../types';
import { op, returns } from './define';

export type { EventTypeInfo };

export const eventOperations = {
  'events.available': op({
    input: z.strictObject({ workspaceId: idSchema.optional() }),
    result: returns<EventTypeInfo[]>(),
    rest: { method: 'GET', path: '/events/available' },
    summary: "The event catalog plus the workspace's custom types",
    mutates: false,
  }),
  'events.addCustomType': op({
    input: customEventTypeSchema,
    result: returns<EventTypeInfo>(),
    rest: { method: 'POST', path: '/events/types' },
    summary: 'Add a custom event type',
    mutates: true,
  }),
  'events.removeCustomType': op({
    input: z.strictObject({ workspaceId: idSchema.optional(), type: catalogTypeNameSchema }),
    result: returns<{ deleted: true }>(),
    rest: { method: 'DELETE', path: '/events/types/{type}' },
    summary: 'Remove a custom event type',
    mutates: true,
  }),
  'events.recipients': op({
    input: z.strictObject({ workspaceId: idSchema.optional(), type: catalogTypeNameSchema }),
    result: returns<Webhook[]>(),
    rest: { method: 'GET', path: '/events/recipients' },
    summary: 'The enabled webhooks that would receive an event of this type',
    mutates: false,
  }),
  'events.triggerMany': op({
    input: z.strictObject({
      events: z.array(fireEventSchema).min(1, 'give at least one event').max(1000, 'at most 1000 events per call'),
    }),
    result: returns<{ events: number; deliveries: number; eventIds: string[] }>(),
    rest: { method: 'POST', path: '/events/trigger-many' },
    summary: 'Fire up to 1000 events in one transaction (bursts, load tests); a bad one fires none',
    mutates: true,
  }),
  'events.trigger': op({
    input: fireEventSchema,
    result: returns<{ event: EventEnvelope; deliveries: Delivery[] }>(),
    rest: { method: 'POST', path: '/events/trigger' },
    summary: 'Fire an event to every subscribed, enabled webhook of the workspace',
    mutates: true,
  }),
};
