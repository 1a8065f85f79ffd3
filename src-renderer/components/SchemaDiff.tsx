import { Code, Text } from '@mantine/core';
import { diffLines } from 'diff';
import { useMemo } from 'react';

const LINE_STYLE = {
  added: { background: 'var(--mantine-color-teal-light)', color: 'var(--mantine-color-teal-light-color)' },
  removed: { background: 'var(--mantine-color-red-light)', color: 'var(--mantine-color-red-light-color)' },
  same: {},
} as const;

/** Two JSON values pretty-printed and compared line by line: `-` is only in the first, `+` only in the second. */
export function SchemaDiff({
  before,
  after,
  maxHeight = 420,
}: {
  before: unknown;
  after: unknown;
  maxHeight?: number;
}) {
  const lines = useMemo(() => {
    const parts = diffLines(
      before === null || before === undefined ? '' : `${JSON.stringify(before, null, 2)}\n`,
      `${JSON.stringify(after, null, 2)}\n`,
    );
    return parts.flatMap((p) => {
      const kind = p.added ? 'added' : p.removed ? 'removed' : 'same';
      return p.value
        .replace(/\n$/, '')
        .split('\n')
        .map((text) => ({ kind, text }) as const);
    });
  }, [before, after]);
  const changed = lines.some((l) => l.kind !== 'same');
  return (
    <div style={{ maxHeight, overflow: 'auto' }} role="region" aria-label="Schema changes">
      {!changed && (
        <Text size="sm" c="dimmed" mb={4}>
          No changes: the inferred schema is the current one.
        </Text>
      )}
      <Code block style={{ fontSize: 12, whiteSpace: 'pre', padding: 0 }}>
        {lines.map((l, i) => (
          <div key={i} style={{ ...LINE_STYLE[l.kind], padding: '0 8px' }} data-line={l.kind}>
            {l.kind === 'added' ? '+ ' : l.kind === 'removed' ? '- ' : '  '}
            {l.text}
          </div>
        ))}
      </Code>
    </div>
  );
}
