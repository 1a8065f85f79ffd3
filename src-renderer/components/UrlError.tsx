import { Anchor } from '@mantine/core';
import type { ReactNode } from 'react';
import { suggestedUrl } from '../../src-main/api/schemas';

/**
 * A URL field's error, with a one-click fix when the URL only lacks its http:// or https://
 * (the same suggestion the contract's message makes).
 */
export function urlError(message: string | undefined, value: string, onFix: (url: string) => void): ReactNode {
  if (!message) return undefined;
  const fix = suggestedUrl(value);
  if (!fix) return message;
  return (
    <>
      {message}{' '}
      <Anchor component="button" type="button" fz="inherit" onClick={() => onFix(fix)}>
        Use {fix}
      </Anchor>
    </>
  );
}
