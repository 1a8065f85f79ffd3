import { useState } from 'react';
import { fieldErrors, formErrorText } from './errorText';

/**
 * What every form keeps around its call: the field errors, the message above the form, and
 * whether it is saving. `submit(call)` runs the call; on success the errors clear, on a typed
 * error the named fields light up and the message says what to do.
 */
export function useFormSubmit() {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (call: () => Promise<unknown>): Promise<void> => {
    setSaving(true);
    setFormError(null);
    try {
      await call();
      setErrors({});
    } catch (e) {
      const fields = fieldErrors(e);
      setErrors(fields);
      setFormError(formErrorText(e, fields));
    } finally {
      setSaving(false);
    }
  };

  /** Clears errors and message (the form was opened afresh). */
  const reset = () => {
    setErrors({});
    setFormError(null);
  };

  return { errors, setErrors, formError, saving, submit, reset };
}
