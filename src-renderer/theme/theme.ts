import { createTheme } from '@mantine/core';


export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, "JetBrains Mono", "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace',
  headings: { fontWeight: '600' },
  components: {
    Table: { defaultProps: { verticalSpacing: 4, horizontalSpacing: 'xs', fz: 'sm' } },
    Badge: { defaultProps: { radius: 'sm' } },
    Tooltip: { defaultProps: { openDelay: 300, withArrow: true } },
  },
});

/** Status colours, one place. */
export const DELIVERY_STATUS_COLOR: Record<string, string> = {
  pending: 'gray',
  sending: 'blue',
  success: 'teal',
  retrying: 'yellow',
  failed: 'red',
  cancelled: 'dark',
};

/** Monospace for an input's text (not its label). */
export const MONO_INPUT = { input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } };
