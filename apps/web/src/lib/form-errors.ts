import { ApiError } from './errors';

/** A form's errors by field name, as Mantine's `form.setErrors` takes them. */
export type FormErrors = Record<string, string>;
/** What takes the errors: a Mantine form (`useForm`), or anything with its `setErrors`. */
export interface ErrorTarget {
  setErrors: (errors: FormErrors) => void;
}
/** The form field that shows the server's error at `path` (`ratings.0.rating`), or none: said at the top. */
export type FieldFor = (path: string) => string | undefined;

/** A 400 answer's field errors, keyed by the path the server named; none for any other error. */
export function fieldErrorsOf(error: unknown): FormErrors {
  return error instanceof ApiError && error.status === 400 ? error.fieldErrors() : {};
}

/**
 * A 400 answer's field errors as a form's errors: each path onto the field `fieldFor` names (by
 * default the field of the same name), paths it names no field for dropped, messages that land on
 * one field joined.
 */
export function formErrorsOf(error: unknown, fieldFor: FieldFor = (path) => path): FormErrors {
  const out: FormErrors = {};
  for (const [path, message] of Object.entries(fieldErrorsOf(error))) {
    const field = fieldFor(path);
    if (field) out[field] = out[field] ? `${out[field]} ${message}` : message;
  }
  return out;
}

/**
 * The one way a form shows a failed save's field errors: a 400 answer's field errors go beside
 * the fields (see `formErrorsOf`); any other error leaves the form as it is. The caller still says
 * the failure in words at the top. Returns the errors set (none: nothing to show beside a field).
 */
export function setFieldErrors(form: ErrorTarget, error: unknown, fieldFor?: FieldFor): FormErrors {
  const errors = formErrorsOf(error, fieldFor);
  if (Object.keys(errors).length > 0) form.setErrors(errors);
  return errors;
}

/** Only these fields, by exact path; the others are said at the top of the form. */
export const onlyFields =
  (fields: readonly string[]): FieldFor =>
  (path) =>
    fields.includes(path) ? path : undefined;

/** These fields, with a nested path (`events.0`) shown on its top field (`events`). */
export const byTopField =
  (fields: readonly string[]): FieldFor =>
  (path) => {
    const top = path.split('.')[0];
    return fields.includes(top) ? top : undefined;
  };
