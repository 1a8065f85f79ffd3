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
import { useEffect } from 'react';
import type { Settings } from '../../../src-main/api/schemas';
import { errorFor } from '../../api/errorText';
import { RetryPolicyField, retryDraftOf, retryPolicyOf } from '../../components/RetryPolicyField';
import { numberListOf, numberOf } from '../../components/numberText';
import { ErrorState, LoadingState } from '../../components/States';
import { useSettings } from '../../stores/settings';
import { SettingsSection, useSectionDraft, ALIGN_INPUTS } from './SettingsSection';
import { ReceiverSettings } from './ReceiverSettings';
import { WorkspacesSection } from './WorkspacesSection';
import { MONO_INPUT } from '../../theme/theme';

type Update = (p: Partial<Settings>) => Promise<Settings>;

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

function DeliverySettings({ s, update }: { s: Settings; update: Update }) {
  const { draft: retry, setDraft: setRetry, saved } = useSectionDraft(s, (x) => retryDraftOf(x.defaultRetryPolicy));
  return (
    <SettingsSection
      title="Default retry policy"
      description="For new webhooks that do not choose their own."
      save={() => update({ defaultRetryPolicy: retryPolicyOf(retry) }).then(saved)}
    >
      {(errors) => (
        <RetryPolicyField value={retry} onChange={setRetry} error={errorFor(errors, 'defaultRetryPolicy')} />
      )}
    </SettingsSection>
  );
}

const alertsDraftOf = (s: Settings) => ({
  alertAt: s.alerts.alertAt.join(', '),
  disableAfter: s.alerts.disableAfter as number | string,
  disableAfterMinutes: s.alerts.disableAfterMinutes as number | string,
  notify: s.notifications,
});

function AlertSettings({ s, update }: { s: Settings; update: Update }) {
  const { draft: d, setDraft, saved } = useSectionDraft(s, alertsDraftOf);
  const set = (patch: Partial<typeof d>) => setDraft({ ...d, ...patch });
  return (
    <SettingsSection
      title="Alerts"
      description="Counted per webhook over consecutive failures; any success resets the count. A webhook is disabled when both limits are reached."
      save={() =>
        update({
          alerts: {
            alertAt: numberListOf(d.alertAt),
            disableAfter: numberOf(d.disableAfter),
            disableAfterMinutes: numberOf(d.disableAfterMinutes),
          },
          notifications: d.notify,
        }).then(saved)
      }
    >
      {(errors) => (
        <>
          <SimpleGrid cols={3} style={ALIGN_INPUTS}>
            <TextInput
              label="Alert at failures"
              description="e.g. 3, 5, 10"
              value={d.alertAt}
              onChange={(e) => set({ alertAt: e.currentTarget.value })}
              error={errorFor(errors, 'alerts.alertAt')}
              styles={MONO_INPUT}
            />
            <NumberInput
              label="Disable after"
              description="consecutive failures (0 = never)"
              min={0}
              clampBehavior="none"
              value={d.disableAfter}
              onChange={(v) => set({ disableAfter: v })}
              error={errorFor(errors, 'alerts.disableAfter')}
            />
            <NumberInput
              label="…failing for at least"
              description="minutes since the first failure (0 = the count alone)"
              min={0}
              clampBehavior="none"
              suffix=" min"
              value={d.disableAfterMinutes}
              onChange={(v) => set({ disableAfterMinutes: v })}
              error={errorFor(errors, 'alerts.disableAfterMinutes')}
            />
          </SimpleGrid>
          <Switch
            label="Desktop notifications for alerts"
            checked={d.notify}
            onChange={(e) => set({ notify: e.currentTarget.checked })}
          />
        </>
      )}
    </SettingsSection>
  );
}

const RETENTION_FIELDS = [
  ['successDays', 'Successful deliveries (days)'],
  ['failedDays', 'Failed deliveries (days)'],
  ['requestDays', 'Received requests (days)'],
] as const satisfies readonly (readonly [keyof Settings['retention'], string])[];

function RetentionSettings({ s, update }: { s: Settings; update: Update }) {
  const {
    draft: r,
    setDraft: setR,
    saved,
  } = useSectionDraft(s, (x): Record<keyof Settings['retention'], number | string> => x.retention);
  return (
    <SettingsSection
      title="Retention"
      description="Older logs are deleted automatically."
      save={() =>
        update({
          retention: {
            successDays: numberOf(r.successDays),
            failedDays: numberOf(r.failedDays),
            requestDays: numberOf(r.requestDays),
          },
        }).then(saved)
      }
    >
      {(errors) => (
        <SimpleGrid cols={3} style={ALIGN_INPUTS}>
          {RETENTION_FIELDS.map(([key, label]) => (
            <NumberInput
              key={key}
              label={label}
              min={1}
              clampBehavior="none"
              value={r[key]}
              onChange={(v) => setR({ ...r, [key]: v })}
              error={errorFor(errors, `retention.${key}`)}
            />
          ))}
        </SimpleGrid>
      )}
    </SettingsSection>
  );
}

export function SettingsPage() {
  const { settings, error, load, update } = useSettings();
  useEffect(() => void load(), [load]);
  if (error && !settings) return <ErrorState error={error} onRetry={() => void load()} />;
  if (!settings) return <LoadingState />;
  // Each section keeps its own draft; saving one starts only that one again from the saved value.
  return (
    <Stack gap="md" maw={1100}>
      <Title order={3}>Settings</Title>
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="md">
            <Appearance />
            <ReceiverSettings s={settings} update={update} />
            <DeliverySettings s={settings} update={update} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="md">
            <AlertSettings s={settings} update={update} />
            <RetentionSettings s={settings} update={update} />
            <WorkspacesSection />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
