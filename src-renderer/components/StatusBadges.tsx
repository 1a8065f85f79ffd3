import { Badge, Tooltip } from '@mantine/core';
import type { DeliveryStatus } from '../../src-main/api/schemas';
import type { ReceivedRequestSummary, VerdictReason } from '../../src-main/api/receiverTypes';
import { DELIVERY_STATUS_COLOR } from '../theme/theme';

export function DeliveryStatusBadge({ status, attempt }: { status: DeliveryStatus; attempt?: number }) {
  return (
    <Badge color={DELIVERY_STATUS_COLOR[status]} variant={status === 'sending' || status === 'retrying' ? 'outline' : 'light'} size="sm" data-status={status}>
      {status}
      {attempt !== undefined && attempt > 1 ? ` · #${attempt}` : ''}
    </Badge>
  );
}

export function httpStatusColor(code: number | null): string {
  if (code === null) return 'gray';
  if (code < 300) return 'teal';
  if (code < 400) return 'cyan';
  if (code < 500) return 'orange';
  return 'red';
}

/** An HTTP status code; `null` is "no response" (network error) when `error` says so. */
export function HttpStatusBadge({ code, error }: { code: number | null; error?: string | null }) {
  if (code === null) {
    if (!error) return <Badge variant="transparent" color="gray" size="sm">—</Badge>;
    return (
      <Tooltip label={error} multiline maw={360}>
        <Badge variant="light" color="red" size="sm">no response</Badge>
      </Tooltip>
    );
  }
  return (
    <Badge variant="light" color={httpStatusColor(code)} size="sm" ff="monospace">
      {code}
    </Badge>
  );
}

const REASON_TEXT: Record<VerdictReason, string> = {
  bad_signature: 'bad signature',
  stale: 'stale timestamp',
  future: 'timestamp in the future',
  missing_header: 'missing header',
  malformed_header: 'malformed header',
  no_secret: 'no secret',
  body_truncated: 'body too large',
};

export const reasonText = (r: VerdictReason | null | undefined): string => (r ? REASON_TEXT[r] ?? r.replace(/_/g, ' ') : 'unknown');

/** valid / invalid: reason / duplicate / unrouted. */
export function VerdictBadge({ request }: { request: Pick<ReceivedRequestSummary, 'valid' | 'reason' | 'duplicate' | 'inboxId'> }) {
  const badges = [];
  if (request.inboxId === null) badges.push(<Badge key="u" color="gray" variant="light" size="sm" tt="none">unrouted</Badge>);
  else if (request.valid === true) badges.push(<Badge key="v" color="teal" variant="light" size="sm" tt="none">valid</Badge>);
  else if (request.valid === false) badges.push(<Badge key="i" color="red" variant="light" size="sm" tt="none">invalid: {reasonText(request.reason)}</Badge>);
  else badges.push(<Badge key="n" color="gray" variant="light" size="sm" tt="none">not verified</Badge>);
  if (request.duplicate) badges.push(<Badge key="d" color="orange" variant="light" size="sm" tt="none">duplicate</Badge>);
  return <span style={{ display: 'inline-flex', gap: 4, flexWrap: 'nowrap' }}>{badges}</span>;
}

export function EnabledBadge({ enabled, reason }: { enabled: boolean; reason?: string | null }) {
  const badge = (
    <Badge color={enabled ? 'teal' : 'gray'} variant={enabled ? 'light' : 'filled'} size="sm">
      {enabled ? 'enabled' : 'disabled'}
    </Badge>
  );
  return !enabled && reason ? <Tooltip label={reason} multiline maw={360}>{badge}</Tooltip> : badge;
}
