import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from './errors';
import { byTopField, fieldErrorsOf, formErrorsOf, onlyFields, setFieldErrors, type FormErrors } from './form-errors';

const badRequest = (fields: { field: string; messages: string[] }[]) =>
  new ApiError(400, { statusCode: 400, error: 'Bad Request', message: 'Validation failed', fields });

/** A stand-in for a Mantine form: records what was set. */
function fakeForm() {
  const calls: FormErrors[] = [];
  return { calls, setErrors: (errors: FormErrors) => void calls.push(errors) };
}

describe('fieldErrorsOf', () => {
  it('keys a 400 answer’s messages by the path the server named, joining several', () => {
    const error = badRequest([
      { field: 'email', messages: ['must be an email'] },
      { field: 'ratings.0.rating', messages: ['must be at most 5', 'must be an integer'] },
    ]);
    expect(fieldErrorsOf(error)).toEqual({
      email: 'must be an email',
      'ratings.0.rating': 'must be at most 5 must be an integer',
    });
  });

  it('has nothing for any other answer or failure', () => {
    const conflict = new ApiError(409, { message: 'taken', fields: [{ field: 'email', messages: ['taken'] }] });
    expect(fieldErrorsOf(conflict)).toEqual({});
    expect(fieldErrorsOf(new NetworkError())).toEqual({});
    expect(fieldErrorsOf(new Error('boom'))).toEqual({});
    expect(fieldErrorsOf(null)).toEqual({});
  });
});

describe('formErrorsOf', () => {
  const error = badRequest([
    { field: 'url', messages: ['must be a URL'] },
    { field: 'events.0', messages: ['unknown event'] },
    { field: 'events.2', messages: ['unknown event too'] },
    { field: 'organizationId', messages: ['not yours'] },
  ]);

  it('shows each path on the field of the same name by default', () => {
    expect(formErrorsOf(error)).toEqual({
      url: 'must be a URL',
      'events.0': 'unknown event',
      'events.2': 'unknown event too',
      organizationId: 'not yours',
    });
  });

  it('moves nested paths onto their top field, joins what lands together and drops fields the form lacks', () => {
    expect(formErrorsOf(error, byTopField(['url', 'description', 'events']))).toEqual({
      url: 'must be a URL',
      events: 'unknown event unknown event too',
    });
  });

  it('keeps only the listed fields, by exact path', () => {
    expect(formErrorsOf(error, onlyFields(['url', 'events']))).toEqual({ url: 'must be a URL' });
  });
});

describe('setFieldErrors', () => {
  it('sets a 400 answer’s field errors on the form and returns them', () => {
    const form = fakeForm();
    const set = setFieldErrors(form, badRequest([{ field: 'title', messages: ['is required'] }]));
    expect(form.calls).toEqual([{ title: 'is required' }]);
    expect(set).toEqual({ title: 'is required' });
  });

  it('leaves the form alone when nothing would show beside a field', () => {
    const form = fakeForm();
    expect(setFieldErrors(form, new ApiError(503, { message: 'down' }))).toEqual({});
    expect(setFieldErrors(form, badRequest([{ field: 'other', messages: ['x'] }]), onlyFields(['title']))).toEqual({});
    expect(setFieldErrors(form, badRequest([]))).toEqual({});
    expect(form.calls).toEqual([]);
  });
});
