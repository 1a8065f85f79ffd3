import { TagsInput } from '@mantine/core';
import { useMemo } from 'react';
import { subscriptionOptions, useCatalog } from '../stores/catalog';

/** Event subscriptions: exact types, `category.*` prefixes or `*`, from the catalog. */
export function SubscriptionsField({
  value,
  onChange,
  error,
}: {
  value: string[];
  onChange: (v: string[]) => void;
  error?: string;
}) {
  const types = useCatalog((s) => s.types);
  const options = useMemo(() => subscriptionOptions(types), [types]);
  return (
    <TagsInput
      label="Subscriptions"
      description="Exact types (user.created), prefixes (user.*) or * for every event"
      placeholder={value.length ? '' : 'Pick or type event types'}
      data={options}
      value={value}
      onChange={onChange}
      error={error}
      clearable
      maxDropdownHeight={260}
      limit={60}
      acceptValueOnBlur
      splitChars={[',', ' ']}
    />
  );
}
