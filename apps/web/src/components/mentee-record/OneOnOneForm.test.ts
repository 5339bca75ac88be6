import { ApiError } from '@/lib/errors';
import { formErrorsOf } from '@/lib/form-errors';
import { bodyOf, ratingField, type OneOnOneValues } from './OneOnOneForm';

const values = (ratings: Record<string, string>): OneOnOneValues => ({
  occurredOn: '2026-03-02',
  visibility: 'shared',
  ratings,
  strengths: '  Ran the retro well. ',
  gaps: '',
  nextSteps: 'Own the next incident review.',
  needToSee: '   ',
});

describe('the one-on-one form', () => {
  it('sends only the rated competencies, in order, and trims the notes (blank ones left out)', () => {
    const { body, ratingKeys } = bodyOf(values({ communication: '4', delegation: '', planning: '2' }));
    expect(body.ratings).toEqual([
      { competency: 'communication', rating: 4 },
      { competency: 'planning', rating: 2 },
    ]);
    expect(ratingKeys).toEqual(['communication', 'planning']);
    expect(body.strengths).toBe('Ran the retro well.');
    expect(body.nextSteps).toBe('Own the next incident review.');
    expect(body.gaps).toBeUndefined();
    expect(body.needToSee).toBeUndefined();
  });

  it('shows a server error on `ratings.N` beside the rating of the N-th rated competency', () => {
    const { ratingKeys } = bodyOf(values({ communication: '4', delegation: '', planning: '9' }));
    const error = new ApiError(400, {
      message: 'Validation failed',
      fields: [
        { field: 'ratings.1.rating', messages: ['must not be greater than 5'] },
        { field: 'strengths', messages: ['is too long'] },
      ],
    });
    expect(formErrorsOf(error, ratingField(ratingKeys))).toEqual({
      'ratings.planning': 'must not be greater than 5',
      strengths: 'is too long',
    });
  });
});
