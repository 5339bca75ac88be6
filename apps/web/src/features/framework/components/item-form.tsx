import { NumberInput, TextInput, type NumberInputProps, type TextInputProps } from '@mantine/core';
import { useState } from 'react';
import { ApiError, describeError } from '@/lib/errors';
import { type ErrorTarget, setFieldErrors } from '@/lib/form-errors';

/**
 * Saving a competency or milestone template: field errors beside the fields (a taken key beside
 * the key), the failure in words at the top, the dialog closed on success.
 */
export function useSaveItem(form: ErrorTarget, onClose: () => void) {
  const [failure, setFailure] = useState<string | null>(null);
  const run = async (save: () => Promise<unknown>) => {
    setFailure(null);
    try {
      await save();
      onClose();
    } catch (e) {
      setFieldErrors(form, e);
      if (e instanceof ApiError && e.status === 409) form.setErrors({ key: e.message });
      setFailure(describeError(e));
    }
  };
  return { failure, run };
}

/** The key: lower_snake_case, chosen once (ratings and records refer to it). */
export function KeyInput({ fixed, ...props }: TextInputProps & { fixed: boolean }) {
  return (
    <TextInput
      label="Key"
      description="lower_snake_case; fixed once created"
      required={!fixed}
      disabled={fixed}
      {...props}
    />
  );
}

export function PositionInput(props: NumberInputProps) {
  return <NumberInput label="Position" description="sort order" min={0} max={10000} allowDecimal={false} {...props} />;
}

/** Only a position someone typed is sent. */
export const positionOf = (value: number | string) => (value === '' ? {} : { position: Number(value) });
