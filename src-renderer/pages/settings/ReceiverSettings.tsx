import { Alert, NumberInput, SimpleGrid, Text, TextInput } from '@mantine/core';
import type { PushEventMap } from '../../../src-main/api/contract';
import type { Settings } from '../../../src-main/api/schemas';
import { errorFor } from '../../api/errorText';
import { numberOf } from '../../components/numberText';
import { useReceiverStatus } from '../../stores/receiverStatus';
import { MONO_INPUT } from '../../theme/theme';
import { SettingsSection, useSectionDraft, ALIGN_INPUTS } from './SettingsSection';

type Status = PushEventMap['receiver.status'];

/** Where the receiver listens now: the port actually bound, and what decided it. */
function ReceiverState({ status, saved }: { status: Status | null; saved: Settings }) {
  if (!status) return null;
  const o = status.overridden;
  return (
    <>
      {status.listening ? (
        <Text size="sm" c="teal" role="status">
          Listening on{' '}
          <Text span ff="monospace" inherit>
            {status.url}
          </Text>
          {saved.receiverPort === 0 && !o ? ` (port 0: bound to ${status.port})` : ''}
        </Text>
      ) : (
        <Alert color="red" variant="light" title="The receiver is not running" role="alert">
          <Text size="sm">{status.error ?? 'It is stopped.'}</Text>
          <Text size="sm" c="dimmed" mt={4}>
            Change the port or address and Save to try again; the rest of Hookbench keeps working.
          </Text>
        </Alert>
      )}
      {status.listening && status.error && (
        <Alert color="yellow" variant="light" role="alert">
          {status.error}
        </Alert>
      )}
      {o && (
        <Alert color="blue" variant="light" title="Set by the command line for this run">
          {o.port !== null && (
            <>
              The port comes from{' '}
              <Text span ff="monospace" inherit>
                --receiver-port {o.port}
              </Text>
              {status.listening ? ` (bound to ${status.port})` : ''}.{' '}
            </>
          )}
          {o.host !== null && <>The address comes from the command line ({o.host}). </>}
          The values saved here apply when Hookbench starts without it.
        </Alert>
      )}
    </>
  );
}

export function ReceiverSettings({ s, update }: { s: Settings; update: (p: Partial<Settings>) => Promise<Settings> }) {
  const status = useReceiverStatus((x) => x.status);
  const { draft, setDraft, saved } = useSectionDraft(s, (x) => ({
    port: x.receiverPort as number | string,
    host: x.receiverHost,
  }));
  return (
    <SettingsSection
      title="Receiver"
      description="Where the local receiver listens. Saving moves it; an address it cannot use is refused and it stays where it was. Webhooks made by “Send to a local inbox” follow it."
      save={() => update({ receiverPort: numberOf(draft.port), receiverHost: draft.host.trim() }).then(saved)}
    >
      {(errors) => (
        <>
          <SimpleGrid cols={{ base: 1, xs: 2 }} style={ALIGN_INPUTS}>
            <NumberInput
              label="Port"
              min={0}
              max={65535}
              clampBehavior="none"
              value={draft.port}
              onChange={(port) => setDraft({ ...draft, port })}
              error={errorFor(errors, 'receiverPort')}
              description="0 picks a free port"
            />
            <TextInput
              label="Bind address"
              value={draft.host}
              onChange={(e) => setDraft({ ...draft, host: e.currentTarget.value })}
              error={errorFor(errors, 'receiverHost')}
              description="127.0.0.1 keeps it on this machine"
              styles={MONO_INPUT}
            />
          </SimpleGrid>
          <ReceiverState status={status} saved={s} />
        </>
      )}
    </SettingsSection>
  );
}
