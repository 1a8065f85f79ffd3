import type { ReactNode } from 'react';

/**
 * A badge drawn with one span and CSS (styles.css `.hb-badge`), looking like Mantine's light /
 * outline Badge. Status badges appear in every table row, where Mantine's Badge costs too much.
 */
export function LiteBadge({
  color,
  variant = 'light',
  caseless,
  mono,
  title,
  children,
  ...data
}: {
  color: string;
  variant?: 'light' | 'outline' | 'filled';
  caseless?: boolean;
  mono?: boolean;
  title?: string;
  children: ReactNode;
} & { [k: `data-${string}`]: string | undefined }) {
  const style = {
    '--hb-badge-fg':
      variant === 'filled'
        ? 'var(--mantine-color-white)'
        : `var(--mantine-color-${color}-${variant === 'outline' ? 'outline' : 'light-color'})`,
    '--hb-badge-bg':
      variant === 'filled'
        ? `var(--mantine-color-${color}-filled)`
        : variant === 'outline'
          ? 'transparent'
          : `var(--mantine-color-${color}-light)`,
  } as React.CSSProperties;
  return (
    <span
      className="hb-badge"
      data-variant={variant}
      data-caseless={caseless || undefined}
      data-mono={mono || undefined}
      title={title}
      style={style}
      {...data}
    >
      {children}
    </span>
  );
}
