import { createTheme } from '@mantine/core';
import type { DeliveryStatus } from '../../src-main/api/schemas';

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace:
    'ui-monospace, "JetBrains Mono", "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace',
  headings: { fontWeight: '600' },
  components: {
    Table: { defaultProps: { verticalSpacing: 4, horizontalSpacing: 'xs', fz: 'sm' } },
    Badge: { defaultProps: { radius: 'sm' } },
    Tooltip: { defaultProps: { openDelay: 300, withArrow: true } },
  },
});

/** Status colours, one place (a Record over the contract's statuses: a new status fails to compile). */
export const DELIVERY_STATUS_COLOR: Record<DeliveryStatus, string> = {
  pending: 'gray',
  sending: 'blue',
  success: 'teal',
  retrying: 'yellow',
  failed: 'red',
  cancelled: 'dark',
};

/** Monospace for an input's text (not its label). */
export const MONO_INPUT = { input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } };
