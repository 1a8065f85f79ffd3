import { useState } from 'react';
import { fieldErrors, formErrorText } from './errorText';

/**
 * Errors the form finds itself in text it cannot send (JSON that does not parse), and a check of
 * everything else with the contract's schema (`parseInput`), run instead of the call, so one submit
 * shows both kinds together.
 */
export interface OwnErrors {
  errors: Record<string, string>;
  checkRest: () => unknown;
}

/**
 * What every form keeps around its call: the field errors, the message above the form, and
 * whether it is saving. `submit(call)` runs the call; on success the errors clear, on a typed
 * error every named field lights up at once and the message says what to do. With `own` errors
 * the call is not made: they show together with the contract's errors for the other fields.
 */
export function useFormSubmit() {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const fail = (e: unknown, own: Record<string, string> = {}) => {
    const fields = { ...fieldErrors(e), ...own };
    setErrors(fields);
    setFormError(formErrorText(e, fields));
  };

  const submit = async (call: () => Promise<unknown>, own?: OwnErrors): Promise<void> => {
    setFormError(null);
    if (own && Object.keys(own.errors).length) {
      try {
        own.checkRest();
        fail(null, own.errors);
      } catch (e) {
        fail(e, own.errors);
      }
      return;
    }
    setSaving(true);
    try {
      await call();
      setErrors({});
    } catch (e) {
      fail(e);
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
