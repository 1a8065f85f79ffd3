import { Badge, Tooltip } from '@mantine/core';
import type { DeliveryStatus } from '../../src-main/api/schemas';
import type { ReceivedRequestSummary, VerdictReason } from '../../src-main/api/receiverTypes';
import { DELIVERY_STATUS_COLOR } from '../theme/theme';
import { LiteBadge } from './LiteBadge';

export function DeliveryStatusBadge({ status, attempt }: { status: DeliveryStatus; attempt?: number }) {
  return (
    <LiteBadge
      color={DELIVERY_STATUS_COLOR[status]}
      variant={status === 'sending' || status === 'retrying' ? 'outline' : 'light'}
      data-status={status}
    >
      {status}
      {attempt !== undefined && attempt > 1 ? ` · #${attempt}` : ''}
    </LiteBadge>
  );
}

export function httpStatusColor(code: number | null): string {
  if (code === null) return 'gray';
  if (code < 300) return 'teal';
  if (code < 400) return 'cyan';
  if (code < 500) return 'orange';
  return 'red';
}

/** An HTTP status code; `null` is "no response" (network error, shown on hover) when `error` says so. */
export function HttpStatusBadge({ code, error }: { code: number | null; error?: string | null }) {
  if (code === null) {
    if (!error) return <span className="hb-dim">—</span>;
    return (
      <LiteBadge color="red" caseless title={error}>
        no response
      </LiteBadge>
    );
  }
  return (
    <LiteBadge color={httpStatusColor(code)} mono>
      {code}
    </LiteBadge>
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

export const reasonText = (r: VerdictReason | null | undefined): string =>
  r ? (REASON_TEXT[r] ?? r.replace(/_/g, ' ')) : 'unknown';

/** valid / invalid: reason / duplicate / unrouted. */
export function VerdictBadge({
  request,
}: {
  request: Pick<ReceivedRequestSummary, 'valid' | 'reason' | 'duplicate' | 'inboxId'>;
}) {
  let main;
  if (request.inboxId === null)
    main = (
      <LiteBadge color="gray" caseless>
        unrouted
      </LiteBadge>
    );
  else if (request.valid === true)
    main = (
      <LiteBadge color="teal" caseless>
        valid
      </LiteBadge>
    );
  else if (request.valid === false)
    main = (
      <LiteBadge color="red" caseless>
        invalid: {reasonText(request.reason)}
      </LiteBadge>
    );
  else
    main = (
      <LiteBadge color="gray" caseless>
        not verified
      </LiteBadge>
    );
  return (
    <span style={{ display: 'inline-flex', gap: 4, flexWrap: 'nowrap' }}>
      {main}
      {request.duplicate && (
        <LiteBadge color="orange" caseless>
          duplicate
        </LiteBadge>
      )}
    </span>
  );
}

export function EnabledBadge({ enabled, reason }: { enabled: boolean; reason?: string | null }) {
  const badge = (
    <Badge color={enabled ? 'teal' : 'gray'} variant={enabled ? 'light' : 'filled'} size="sm">
      {enabled ? 'enabled' : 'disabled'}
    </Badge>
  );
  return !enabled && reason ? (
    <Tooltip label={reason} multiline maw={360}>
      {badge}
    </Tooltip>
  ) : (
    badge
  );
}
