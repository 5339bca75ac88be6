import fc from 'fast-check';
import { DomainError } from '../errors/domain-error';
import { decodeCursor, decodeIdCursor, encodeCursor, encodeIdCursor, toPage } from './pagination';

describe('cursors', () => {
  it('round-trips every position', () => {
    fc.assert(
      fc.property(
        fc.date({ noInvalidDate: true, min: new Date(0), max: new Date('9999-12-31T23:59:59.999Z') }),
        fc.uuid(),
        (date, id) => {
          const position = { at: date.toISOString(), id };
          expect(decodeCursor(encodeCursor(position))).toEqual(position);
        },
      ),
    );
  });

  it('rejects a cursor it did not issue with a 400 naming the field', () => {
    for (const bad of [
      'x',
      Buffer.from('not|a-uuid').toString('base64url'),
      Buffer.from('a|b|c').toString('base64url'),
      // Dates JavaScript accepts and PostgreSQL does not (they used to reach SQL and answer 500).
      ...[
        '2020',
        '2020-01',
        'Tue, 01 Jan 2020',
        '0000-01-01T00:00:00.000Z',
        '2021-02-30T00:00:00.000Z',
        '2021-01-01T24:00:00Z',
      ].map((at) => Buffer.from(`${at}|00000000-0000-4000-8000-000000000001`).toString('base64url')),
    ]) {
      let caught: unknown;
      try {
        decodeCursor(bad);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(DomainError);
      expect((caught as DomainError).fields?.[0]?.field).toBe('cursor');
    }
  });

  it('round-trips an id cursor and refuses one that does not carry an id', () => {
    fc.assert(fc.property(fc.uuid(), (id) => expect(decodeIdCursor(encodeIdCursor(id))).toBe(id.toLowerCase())));
    for (const bad of [
      'x',
      Buffer.from('not-a-uuid').toString('base64url'),
      encodeCursor({ at: '2020-01-01T00:00:00Z', id: '00000000-0000-4000-8000-000000000001' }),
    ]) {
      let caught: unknown;
      try {
        decodeIdCursor(bad);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(DomainError);
      expect((caught as DomainError).fields?.[0]?.field).toBe('cursor');
    }
  });

  it('cuts one extra row into a next cursor', () => {
    const rows = [1, 2, 3].map((n) => ({
      n,
      at: new Date(n * 1000).toISOString(),
      id: `00000000-0000-4000-8000-00000000000${n}`,
    }));
    const page = toPage(
      rows,
      2,
      (r) => ({ at: r.at, id: r.id }),
      (r) => r.n,
    );
    expect(page.items).toEqual([1, 2]);
    expect(decodeCursor(page.nextCursor ?? undefined)?.id).toBe(rows[1]?.id);
    expect(
      toPage(
        rows,
        3,
        (r) => ({ at: r.at, id: r.id }),
        (r) => r.n,
      ).nextCursor,
    ).toBeNull();
  });
});
