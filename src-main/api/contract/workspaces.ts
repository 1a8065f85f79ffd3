import { z } from 'zod';
import { idSchema, workspaceCreateSchema } from '../schemas';
import type { Workspace } from '../types';
import { byId, emptyInput, op, returns } from './define';

export const workspaceOperations = {
  'workspaces.list': op({
    input: emptyInput,
    result: returns<Workspace[]>(),
    rest: { method: 'GET', path: '/workspaces' },
    summary: 'List workspaces',
    mutates: false,
  }),
  'workspaces.create': op({
    input: workspaceCreateSchema,
    result: returns<Workspace>(),
    rest: { method: 'POST', path: '/workspaces' },
    summary: 'Create a workspace',
    mutates: true,
  }),
  'workspaces.rename': op({
    input: z.strictObject({ id: idSchema, name: workspaceCreateSchema.shape.name }),
    result: returns<Workspace>(),
    rest: { method: 'PATCH', path: '/workspaces/{id}' },
    summary: 'Rename a workspace',
    mutates: true,
  }),
  'workspaces.delete': op({
    input: byId,
    result: returns<{ deleted: true }>(),
    rest: { method: 'DELETE', path: '/workspaces/{id}' },
    summary: 'Delete a workspace and everything in it (not the default one)',
    mutates: true,
  }),
};
