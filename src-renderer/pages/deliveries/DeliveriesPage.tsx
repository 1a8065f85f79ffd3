import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconBolt, IconRefreshAlert } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../../../src-main/api/schemas';
import { ExportMenu } from '../../components/ExportMenu';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { useDeliveries } from '../../stores/deliveries';
import { parseHttpStatusFilter, type DeliveryFilterState } from '../../stores/deliveryFilters';
import { hrefOf, useRouter } from '../../stores/router';
import { useWebhooks } from '../../stores/webhooks';
import { DeliveryDrawer } from './DeliveryDrawer';
import { DeliveryFiltersBar } from './DeliveryFiltersBar';
import { DeliveryTable } from './DeliveryTable';
import { RecoverModal } from './RecoverModal';

const FILTER_PARAMS = ['status', 'webhookId', 'eventType', 'httpStatus', 'q'] as const;

/** Filters given in the page link (`#/deliveries?status=failed,retrying&webhookId=…`). */
function filtersFromParams(p: Record<string, string>): DeliveryFilterState | null {
  if (!FILTER_PARAMS.some((k) => p[k] !== undefined)) return null;
  const status = p.status
    ?.split(',')
    .filter((s): s is DeliveryStatus => (DELIVERY_STATUSES as readonly string[]).includes(s));
  return {
    status: status?.length ? status : undefined,
    webhookId: p.webhookId || undefined,
    eventType: p.eventType || undefined,
    httpStatus: p.httpStatus ? parseHttpStatusFilter(p.httpStatus) : undefined,
    q: p.q || undefined,
  };
}

export function DeliveriesPage() {
  const s = useDeliveries();
  const webhooks = useWebhooks((w) => w.items);
  const params = useRouter((r) => r.route.params);
  const setParams = useRouter((r) => r.setParams);
  const fromUrl = filtersFromParams(params);

  useEffect(() => {
    if (fromUrl) {
      useDeliveries.setState({ filters: {} });
      useDeliveries.getState().setFilters(fromUrl);
      setParams(Object.fromEntries(FILTER_PARAMS.map((k) => [k, undefined])));
    } else if (useDeliveries.getState().status === 'idle') {
      void useDeliveries.getState().reload();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the URL's filters compared by value, not by object identity
  }, [fromUrl === null ? '' : JSON.stringify(fromUrl)]);

  const select = useCallback((id: string) => setParams({ delivery: id }), [setParams]);
  const loadMore = useCallback(() => void useDeliveries.getState().loadMore(), []);
  const closeDrawer = useCallback(() => setParams({ delivery: undefined }), [setParams]);
  const filtered = Object.keys(s.filters).length > 0;
  const [recovering, setRecovering] = useState(false);

  return (
    <Stack gap="sm" h="calc(100vh - 48px - 2 * var(--mantine-spacing-md))">
      <Group justify="space-between">
        <Group gap="xs">
          <Title order={3}>Deliveries</Title>
          <Badge variant="dot" color="teal" size="sm">
            live
          </Badge>
          <Text size="xs" c="dimmed" aria-live="polite">
            {s.status === 'ready' ? `${s.rows.length.toLocaleString()}${s.nextCursor ? '+' : ''} shown` : ''}
          </Text>
        </Group>
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            leftSection={<IconRefreshAlert size={14} />}
            onClick={() => setRecovering(true)}
          >
            Recover failed…
          </Button>
          <ExportMenu kind="deliveries" filters={s.filters} />
        </Group>
      </Group>
      <DeliveryFiltersBar filters={s.filters} onChange={s.setFilters} onClear={s.clearFilters} />
      {s.error && s.status !== 'error' && (
        <Text size="sm" c="red">
          {s.error}
        </Text>
      )}
      <Card
        withBorder
        padding={0}
        radius="md"
        style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}
      >
        {s.status === 'error' ? (
          <ErrorState error={s.error ?? 'failed'} onRetry={() => void s.reload()} />
        ) : s.status !== 'ready' && s.rows.length === 0 ? (
          <LoadingState label="Loading deliveries…" />
        ) : s.rows.length === 0 ? (
          filtered ? (
            <EmptyState
              title="No delivery matches these filters"
              action={
                <Button size="xs" variant="light" onClick={s.clearFilters}>
                  Clear filters
                </Button>
              }
            />
          ) : (
            <EmptyState
              title="No deliveries yet"
              action={
                <Button size="xs" leftSection={<IconBolt size={14} />} component="a" href={hrefOf('fire')}>
                  Fire an event
                </Button>
              }
            >
              Every event sent to a webhook becomes a delivery here, with each attempt's request and response.
            </EmptyState>
          )
        ) : (
          <DeliveryTable
            rows={s.rows}
            hasMore={s.nextCursor !== null}
            loadingMore={s.loadingMore}
            onLoadMore={loadMore}
            selectedId={params.delivery ?? null}
            onSelect={select}
            webhooks={webhooks}
            height="calc(100vh - 250px)"
          />
        )}
      </Card>
      <DeliveryDrawer id={params.delivery ?? null} onClose={closeDrawer} />
      <RecoverModal opened={recovering} onClose={() => setRecovering(false)} webhookId={s.filters.webhookId} />
    </Stack>
  );
}
