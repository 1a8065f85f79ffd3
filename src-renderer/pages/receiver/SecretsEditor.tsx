import { ActionIcon, Button, Group, Input, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconPlus, IconTrash, IconWand } from '@tabler/icons-react';
import { useState } from 'react';
import { MAX_INBOX_SECRETS } from '../../../src-main/api/receiverSchemas';
import { SecretValue } from '../../components/SecretValue';
import { generateSecret } from './secrets';
import { MONO_INPUT } from '../../theme/theme';

/** An inbox's active secrets: every one is tried when verifying (rotation). */
export function SecretsEditor({
  value,
  onChange,
  error,
  scheme,
}: {
  value: string[];
  onChange: (v: string[]) => void;
  error?: string;
  scheme: string;
}) {
  const [adding, setAdding] = useState('');
  const add = (s: string) => {
    if (!s.trim()) return;
    onChange([...value, s.trim()]);
    setAdding('');
  };
  return (
    <Input.Wrapper
      label="Secrets"
      description="Requests verify against any of these; add the new one before removing the old when rotating."
      error={error}
    >
      <Stack gap={4} mt={4}>
        {value.length === 0 && (
          <Text size="sm" c={scheme === 'none' ? 'dimmed' : 'orange'}>
            {scheme === 'none'
              ? 'Scheme none: nothing to verify.'
              : 'No secret: every signed request will be invalid (no secret).'}
          </Text>
        )}
        {value.map((s, i) => (
          <Group key={`${i}-${s.slice(0, 8)}`} gap={6} wrap="nowrap">
            <Text size="xs" c="dimmed" w={18}>
              #{i + 1}
            </Text>
            <div style={{ flex: 1 }}>
              <SecretValue
                secret={s}
                label={`secret #${i + 1}`}
                actions={
                  <Tooltip label="Remove">
                    <ActionIcon
                      size="sm"
                      variant="subtle"
                      color="red"
                      onClick={() => onChange(value.filter((_, j) => j !== i))}
                      aria-label={`Remove secret #${i + 1}`}
                    >
                      <IconTrash size={14} />
                    </ActionIcon>
                  </Tooltip>
                }
              />
            </div>
          </Group>
        ))}
        {value.length < MAX_INBOX_SECRETS && (
          <Group gap={6} wrap="nowrap">
            <TextInput
              size="xs"
              style={{ flex: 1 }}
              placeholder="Paste a secret (e.g. the provider's signing secret)"
              value={adding}
              onChange={(e) => setAdding(e.currentTarget.value)}
              styles={MONO_INPUT}
              aria-label="New secret"
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  add(adding);
                }
              }}
            />
            <Button
              size="xs"
              variant="default"
              leftSection={<IconPlus size={12} />}
              onClick={() => add(adding)}
              disabled={!adding.trim()}
            >
              Add
            </Button>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconWand size={12} />}
              onClick={() => add(generateSecret())}
            >
              Generate
            </Button>
          </Group>
        )}
      </Stack>
    </Input.Wrapper>
  );
}
