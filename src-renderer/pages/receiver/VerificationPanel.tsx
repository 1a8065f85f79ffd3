import { Alert, Badge, Group, Stack, Table, Text } from '@mantine/core';
import { IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import type { ReceivedRequest } from '../../../src-main/api/receiverTypes';
import { reasonText } from '../../components/StatusBadges';

function skewText(skewSec: number): string {
  const abs = Math.abs(Math.round(skewSec));
  return skewSec >= 0 ? `${abs} s old` : `${abs} s in the future`;
}

function SignatureList({ label, values, color }: { label: string; values: string[] | undefined; color: string }) {
  return (
    <Table.Tr>
      <Table.Td w={90} style={{ verticalAlign: 'top' }}>
        <Text size="xs" c="dimmed" fw={600}>
          {label}
        </Text>
      </Table.Td>
      <Table.Td>
        {values?.length ? (
          values.map((v, i) => (
            <Text
              key={i}
              ff="monospace"
              fz={12}
              c={color}
              style={{ wordBreak: 'break-all' }}
              data-signature={label.toLowerCase()}
            >
              {v}
            </Text>
          ))
        ) : (
          <Text size="xs" c="dimmed">
            none
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** The verdict explained: scheme, header, expected vs received signatures, timestamp skew vs tolerance. */
export function VerificationPanel({
  request,
  toleranceSec,
}: {
  request: ReceivedRequest;
  toleranceSec: number | null;
}) {
  const v = request.verdict;
  if (!v) {
    return (
      <section aria-label="Verification">
        <Alert color="gray" variant="light" title="Not verified">
          {request.inboxId === null
            ? 'No inbox is at this path, so nothing was checked (answered 404).'
            : 'This request was not verified.'}
        </Alert>
      </section>
    );
  }
  const schemeLabel = v.configuredScheme === 'auto' ? `auto → ${v.scheme}` : v.scheme;
  return (
    <section aria-label="Verification">
      <Alert
        color={v.valid ? 'teal' : 'red'}
        variant="light"
        icon={v.valid ? <IconShieldCheck size={20} /> : <IconShieldX size={20} />}
        title={v.valid ? 'Signature verified' : `invalid: ${reasonText(v.reason)}`}
      >
        <Stack gap={6}>
          {v.message && <Text size="sm">{v.message}</Text>}
          <Group gap="xs">
            <Badge variant="outline" color="gray" tt="none">
              scheme {schemeLabel}
            </Badge>
            {v.header && (
              <Badge variant="outline" color="gray" tt="none" ff="monospace">
                {v.header}
              </Badge>
            )}
            {v.valid && v.secretIndex !== undefined && v.secretIndex >= 0 && (
              <Badge variant="outline" color="teal" tt="none">
                matched secret #{v.secretIndex + 1}
              </Badge>
            )}
            {v.id && (
              <Badge variant="outline" color="gray" tt="none" ff="monospace">
                id {v.id}
              </Badge>
            )}
          </Group>
          {v.skewSec !== undefined && (
            <Text size="sm">
              Timestamp{' '}
              {v.timestamp !== undefined && (
                <Text span ff="monospace">
                  {v.timestamp}
                </Text>
              )}{' '}
              is {skewText(v.skewSec)}
              {toleranceSec !== null && (
                <>
                  ; tolerance {toleranceSec} s{Math.abs(v.skewSec) > toleranceSec ? ' — outside it' : ' — within it'}
                </>
              )}
              .
            </Text>
          )}
          {(v.expected || v.received) && (
            <Table withRowBorders={false} verticalSpacing={2}>
              <Table.Tbody>
                <SignatureList label="Expected" values={v.expected} color="teal" />
                <SignatureList label="Received" values={v.received} color={v.valid ? 'teal' : 'red'} />
              </Table.Tbody>
            </Table>
          )}
          {v.expected && v.expected.length > 1 && (
            <Text size="xs" c="dimmed">
              One expected signature per active secret of the inbox.
            </Text>
          )}
          {request.duplicate && (
            <Text size="sm" c="orange">
              This message id was seen before: a duplicate (replay) delivery.
            </Text>
          )}
        </Stack>
      </Alert>
    </section>
  );
}
