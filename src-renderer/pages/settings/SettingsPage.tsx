import {
  Grid,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
  useMantineColorScheme,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Settings } from '../../../src-main/api/schemas';
import { errorFor } from '../../api/errorText';
import { RetryPolicyField, retryDraftOf, retryPolicyOf, type RetryDraft } from '../../components/RetryPolicyField';
import { ErrorState, LoadingState } from '../../components/States';
import { useSettings } from '../../stores/settings';
import { SettingsSection } from './SettingsSection';
import { ReceiverSettings } from './ReceiverSettings';
import { WorkspacesSection } from './WorkspacesSection';
import { MONO_INPUT } from '../../theme/theme';

const toNum = (v: number | string) => (typeof v === 'number' ? v : Number(v));
const parseList = (text: string) =>
  text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);

function Appearance() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <SettingsSection title="Appearance">
      {() => (
        <div>
          <Text size="sm" fw={500} mb={4}>
            Theme
          </Text>
          <SegmentedControl
            value={colorScheme}
            onChange={(v) => setColorScheme(v as 'light' | 'dark' | 'auto')}
            data={[
              { value: 'light', label: 'Light' },
              { value: 'dark', label: 'Dark' },
              { value: 'auto', label: 'System' },
            ]}
            aria-label="Theme"
          />
        </div>
      )}
    </SettingsSection>
  );
}

function DeliverySettings({ s, update }: { s: Settings; update: (p: Partial<Settings>) => Promise<Settings> }) {
  const [retry, setRetry] = useState<RetryDraft>(retryDraftOf(s.defaultRetryPolicy));
  return (
    <SettingsSection
      title="Default retry policy"
      description="For new webhooks that do not choose their own."
      save={() => update({ defaultRetryPolicy: retryPolicyOf(retry) })}
    >
      {(errors) => (
        <RetryPolicyField value={retry} onChange={setRetry} error={errorFor(errors, 'defaultRetryPolicy')} />
      )}
    </SettingsSection>
  );
}

function AlertSettings({ s, update }: { s: Settings; update: (p: Partial<Settings>) => Promise<Settings> }) {
  const [alertAt, setAlertAt] = useState(s.alerts.alertAt.join(', '));
  const [disableAfter, setDisableAfter] = useState<number | string>(s.alerts.disableAfter);
  const [disableAfterMinutes, setDisableAfterMinutes] = useState<number | string>(s.alerts.disableAfterMinutes);
  const [notify, setNotify] = useState(s.notifications);
  return (
    <SettingsSection
      title="Alerts"
      description="Counted per webhook over consecutive failures; any success resets the count. A webhook is disabled when both limits are reached."
      save={() =>
        update({
          alerts: {
            alertAt: parseList(alertAt),
            disableAfter: toNum(disableAfter),
            disableAfterMinutes: toNum(disableAfterMinutes),
          },
          notifications: notify,
        })
      }
    >
      {(errors) => (
        <>
          <SimpleGrid cols={3}>
            <TextInput
              label="Alert at failures"
              description="e.g. 3, 5, 10"
              value={alertAt}
              onChange={(e) => setAlertAt(e.currentTarget.value)}
              error={errorFor(errors, 'alerts.alertAt')}
              styles={MONO_INPUT}
            />
            <NumberInput
              label="Disable after"
              description="consecutive failures (0 = never)"
              min={0}
              value={disableAfter}
              onChange={setDisableAfter}
              error={errorFor(errors, 'alerts.disableAfter')}
            />
            <NumberInput
              label="…failing for at least"
              description="minutes since the first failure (0 = the count alone)"
              min={0}
              suffix=" min"
              value={disableAfterMinutes}
              onChange={setDisableAfterMinutes}
              error={errorFor(errors, 'alerts.disableAfterMinutes')}
            />
          </SimpleGrid>
          <Switch
            label="Desktop notifications for alerts"
            checked={notify}
            onChange={(e) => setNotify(e.currentTarget.checked)}
          />
        </>
      )}
    </SettingsSection>
  );
}

function RetentionSettings({ s, update }: { s: Settings; update: (p: Partial<Settings>) => Promise<Settings> }) {
  const [r, setR] = useState<Record<keyof Settings['retention'], number | string>>(s.retention);
  return (
    <SettingsSection
      title="Retention"
      description="Older logs are deleted automatically."
      save={() =>
        update({
          retention: {
            successDays: toNum(r.successDays),
            failedDays: toNum(r.failedDays),
            requestDays: toNum(r.requestDays),
          },
        })
      }
    >
      {(errors) => (
        <SimpleGrid cols={3}>
          <NumberInput
            label="Successful deliveries (days)"
            min={1}
            value={r.successDays}
            onChange={(v) => setR({ ...r, successDays: v })}
            error={errorFor(errors, 'retention.successDays')}
          />
          <NumberInput
            label="Failed deliveries (days)"
            min={1}
            value={r.failedDays}
            onChange={(v) => setR({ ...r, failedDays: v })}
            error={errorFor(errors, 'retention.failedDays')}
          />
          <NumberInput
            label="Received requests (days)"
            min={1}
            value={r.requestDays}
            onChange={(v) => setR({ ...r, requestDays: v })}
            error={errorFor(errors, 'retention.requestDays')}
          />
        </SimpleGrid>
      )}
    </SettingsSection>
  );
}

export function SettingsPage() {
  const { settings, error, load, update } = useSettings();
  const [version, setVersion] = useState(0);
  useEffect(() => void load(), [load]);
  if (error && !settings) return <ErrorState error={error} onRetry={() => void load()} />;
  if (!settings) return <LoadingState />;
  // Sections keep their drafts; a reload (version) starts them from the stored values again.
  const key = String(version);
  const save = async (p: Partial<Settings>) => {
    const r = await update(p);
    setVersion((v) => v + 1);
    return r;
  };
  return (
    <Stack gap="md" maw={1100}>
      <Title order={3}>Settings</Title>
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="md">
            <Appearance />
            <ReceiverSettings key={`r${key}`} s={settings} update={save} />
            <DeliverySettings key={`d${key}`} s={settings} update={save} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="md">
            <AlertSettings key={`a${key}`} s={settings} update={save} />
            <RetentionSettings key={`t${key}`} s={settings} update={save} />
            <WorkspacesSection />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
