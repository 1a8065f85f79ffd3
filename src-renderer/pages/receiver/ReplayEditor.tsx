import {
  Alert,
  Button,
  Group,
  Modal,
  PasswordInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconPencil, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import type { EditedReplayResult } from '../../../src-main/api/receiverTypes';
import type { SchemeName } from '../../../src-main/api/schemas';
import { schemeOptions, SIGNING_SCHEMES } from '../../../src-main/api/schemes';
import { client } from '../../api/client';
import { errorFor, errorText, fieldErrors } from '../../api/errorText';
import { HeadersEditor, type HeaderRows } from '../../components/HeadersEditor';
import { JsonEditor } from '../../components/JsonEditor';
import { urlError } from '../../components/UrlError';
import { parseJson } from '../../components/json';
import { MONO_INPUT } from '../../theme/theme';
import type { ReplayDraft } from './replayDraft';
import { ReplayResultView } from './ReplayResultView';

type Mode = 'keep' | 'resign';

/** A button that opens the editor on a fresh draft (the original as it is now). */
export function ReplayWithEditsButton({ draft }: { draft: () => ReplayDraft }) {
  const [opened, setOpened] = useState<ReplayDraft | null>(null);
  return (
    <>
      <Button size="xs" variant="default" leftSection={<IconPencil size={14} />} onClick={() => setOpened(draft())}>
        Replay with edits…
      </Button>
      {opened && <ReplayEditor draft={opened} onClose={() => setOpened(null)} />}
    </>
  );
}

/** Rows sent (blank rows dropped) with their index in the editor, so a `headers.N` error finds its row. */
function sentRows(rows: HeaderRows): { pairs: [string, string][]; rowOf: number[] } {
  const kept = rows.map((r, i) => [r, i] as const).filter(([[n, v]]) => n.trim() !== '' || v !== '');
  return { pairs: kept.map(([[n, v]]) => [n.trim(), v]), rowOf: kept.map(([, i]) => i) };
}

/** "Replay with edits…": method, URL, headers and body of the original, signed afresh or as they are; then the result beside the original. */
export function ReplayEditor({ draft, onClose }: { draft: ReplayDraft; onClose: () => void }) {
  const [method, setMethod] = useState(draft.method);
  const [url, setUrl] = useState(draft.url);
  const [headers, setHeaders] = useState<HeaderRows>(draft.headers);
  const [body, setBody] = useState(draft.body);
  const [mode, setMode] = useState<Mode>(draft.scheme ? 'resign' : 'keep');
  const [scheme, setScheme] = useState<SchemeName>(draft.scheme ?? 'standard');
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [result, setResult] = useState<EditedReplayResult | null>(null);
  const isJson = draft.bodyEncoding === 'utf8' && parseJson(draft.body).ok;

  const send = async () => {
    const { pairs, rowOf } = sentRows(headers);
    setBusy(true);
    setErrors({});
    setFormError(null);
    try {
      setResult(
        await client.call('requests.replayEdited', {
          source: draft.source,
          method,
          url,
          headers: pairs,
          body,
          bodyEncoding: draft.bodyEncoding,
          signing: mode === 'resign' ? { mode, scheme, secret } : { mode },
        }),
      );
    } catch (e) {
      const fields = fieldErrors(e);
      const headerKey = Object.keys(fields).find((k) => k === 'headers' || k.startsWith('headers.'));
      if (headerKey) {
        const n = Number(headerKey.split('.')[1]);
        const row = Number.isInteger(n) ? rowOf[n] : undefined;
        fields.headers =
          row === undefined
            ? fields[headerKey]!
            : `Row ${row + 1} (${headers[row]![0] || 'no name'}): ${fields[headerKey]}`;
      }
      setErrors(fields);
      setFormError(Object.keys(fields).length ? 'Nothing was sent: fix the highlighted fields.' : errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size="min(1400px, 96vw)"
      title={<Text fw={700}>Replay with edits · {draft.label}</Text>}
    >
      {result ? (
        <Stack gap="sm">
          <ReplayResultView draft={draft} result={result} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setResult(null)}>
              Edit again
            </Button>
            <Button onClick={onClose}>Close</Button>
          </Group>
        </Stack>
      ) : (
        <form
          noValidate
          aria-label="Replay with edits"
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <Stack gap="sm">
            <Group gap="xs" align="flex-start" wrap="nowrap">
              <TextInput
                label="Method"
                w={120}
                value={method}
                onChange={(e) => setMethod(e.currentTarget.value)}
                error={errors.method}
                styles={MONO_INPUT}
              />
              <TextInput
                label="URL"
                style={{ flex: 1 }}
                value={url}
                onChange={(e) => setUrl(e.currentTarget.value)}
                error={urlError(errors.url, url, (fixed) => {
                  setUrl(fixed);
                  setErrors(({ url: _fixed, ...rest }) => rest);
                })}
                styles={MONO_INPUT}
              />
            </Group>
            {draft.bodyCut && (
              <Alert color="orange" variant="light">
                The original body was cut at the receiver&apos;s size limit: the body below is only its first part, and
                is sent as it is unless you change it.
              </Alert>
            )}
            <HeadersEditor
              label="Headers"
              description="In the order they are sent. Host and Content-Length are set from the URL and body."
              value={headers}
              onChange={setHeaders}
              error={errorFor(errors, 'headers')}
            />
            {isJson ? (
              <JsonEditor label="Body" value={body} onChange={setBody} error={errors.body} minRows={6} maxRows={16} />
            ) : (
              <Textarea
                label={draft.bodyEncoding === 'base64' ? 'Body (base64: the original is not UTF-8 text)' : 'Body'}
                value={body}
                onChange={(e) => setBody(e.currentTarget.value)}
                error={errors.body}
                autosize
                minRows={4}
                maxRows={16}
                styles={MONO_INPUT}
              />
            )}
            <Stack gap={6} role="group" aria-label="Signature">
              <Text size="sm" fw={500}>
                Signature
              </Text>
              <SegmentedControl
                value={mode}
                onChange={(v) => setMode(v as Mode)}
                w="fit-content"
                data={[
                  { value: 'resign', label: 'Re-sign' },
                  { value: 'keep', label: 'Keep original signature' },
                ]}
                aria-label="Signature mode"
              />
              {mode === 'resign' ? (
                <Group gap="xs" align="flex-start" wrap="nowrap">
                  <Select
                    label="Scheme"
                    w={180}
                    allowDeselect={false}
                    data={schemeOptions(SIGNING_SCHEMES)}
                    value={scheme}
                    onChange={(v) => v && setScheme(v as SchemeName)}
                    error={errors['signing.scheme']}
                  />
                  <PasswordInput
                    label="Secret"
                    style={{ flex: 1 }}
                    value={secret}
                    onChange={(e) => setSecret(e.currentTarget.value)}
                    error={errors['signing.secret']}
                    autoComplete="off"
                    styles={MONO_INPUT}
                    description="The scheme's signature headers are replaced, with a fresh message id and timestamp."
                  />
                </Group>
              ) : (
                <Text size="xs" c="dimmed">
                  Headers go out as shown, signature included: an edited body will not verify (useful to see what breaks
                  it).
                </Text>
              )}
            </Stack>
            {formError && (
              <Alert color="red" role="alert">
                {formError}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={busy} leftSection={<IconSend size={14} />}>
                Send
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
