import { ActionIcon, Button, Group, Input, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { MAX_FORWARD_ROUTES } from '../../../src-main/api/receiverSchemas';
import type { ForwardRoute } from '../../../src-main/api/receiverTypes';
import { errorFor } from '../../api/errorText';
import { CutText } from '../../components/PriorityTable';
import { urlError } from '../../components/UrlError';
import { MONO_INPUT } from '../../theme/theme';

/** A route as typed: event patterns comma-separated. */
export interface RouteDraft {
  events: string;
  url: string;
}

export const routeDraftsOf = (routes: readonly ForwardRoute[] = []): RouteDraft[] =>
  routes.map((r) => ({ events: r.events.join(', '), url: r.url }));

export const routesOf = (drafts: readonly RouteDraft[]): ForwardRoute[] =>
  drafts.map((d) => ({
    events: d.events
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean),
    url: d.url.trim(),
  }));

/**
 * Forward per event type: rows of "event patterns → URL", checked in order before Forward to.
 * Errors come keyed as the contract names them (`forwardRoutes.0.url`).
 */
export function ForwardRoutesEditor({
  value,
  onChange,
  errors,
  onFixed,
}: {
  value: RouteDraft[];
  onChange: (v: RouteDraft[]) => void;
  errors: Record<string, string>;
  /** A URL was fixed with one click: its error can go. */
  onFixed: (field: string) => void;
}) {
  const set = (i: number, patch: Partial<RouteDraft>) =>
    onChange(value.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const listError = errors.forwardRoutes;
  return (
    <Input.Wrapper
      label="Forward by event type"
      description="The first route whose event types match a request's type (payment_intent.* matches payment_intent.succeeded) forwards it to its URL; other requests go to Forward to."
      error={listError}
    >
      <Stack gap={4} mt={4} data-forward-routes>
        {value.map((r, i) => {
          const at = `forwardRoutes.${i}`;
          return (
            <Group key={i} gap={6} wrap="nowrap" align="flex-start">
              <TextInput
                size="xs"
                w="34%"
                placeholder="payment_intent.*, charge.refunded"
                aria-label={`Route ${i + 1} event types`}
                value={r.events}
                onChange={(e) => set(i, { events: e.currentTarget.value })}
                error={errorFor(errors, `${at}.events`)}
                styles={MONO_INPUT}
              />
              <Text size="xs" c="dimmed" mt={6}>
                →
              </Text>
              <TextInput
                size="xs"
                style={{ flex: 1 }}
                placeholder="http://localhost:3000/webhooks/payments"
                aria-label={`Route ${i + 1} URL`}
                value={r.url}
                onChange={(e) => set(i, { url: e.currentTarget.value })}
                error={urlError(errorFor(errors, `${at}.url`), r.url, (url) => {
                  set(i, { url });
                  onFixed(`${at}.url`);
                })}
                styles={MONO_INPUT}
              />
              <Tooltip label="Remove route">
                <ActionIcon
                  mt={4}
                  size="sm"
                  variant="subtle"
                  color="red"
                  onClick={() => onChange(value.filter((_, j) => j !== i))}
                  aria-label={`Remove route ${i + 1}`}
                >
                  <IconTrash size={14} />
                </ActionIcon>
              </Tooltip>
            </Group>
          );
        })}
        {value.length < MAX_FORWARD_ROUTES && (
          <Group>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconPlus size={12} />}
              onClick={() => onChange([...value, { events: '', url: '' }])}
            >
              Add route
            </Button>
          </Group>
        )}
      </Stack>
    </Input.Wrapper>
  );
}

/** The routes as the inbox header lists them: one line each, in the order they are checked. */
export function ForwardRoutesList({ routes }: { routes: readonly ForwardRoute[] }) {
  if (routes.length === 0) return null;
  return (
    <Stack gap={0} data-forward-routes-list aria-label="Forward by event type">
      {routes.map((r, i) => (
        <Group key={i} gap={6} wrap="nowrap" miw={0}>
          <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
            {i === 0 ? 'forwards' : 'then'}
          </Text>
          <CutText mono fz="xs" style={{ flexShrink: 1 }}>
            {r.events.join(', ')}
          </CutText>
          <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
            →
          </Text>
          <CutText mono fz="xs">
            {r.url}
          </CutText>
        </Group>
      ))}
    </Stack>
  );
}
