import fc from 'fast-check';
import { neutralize } from './neutralize';

describe('CSV cell neutralisation', () => {
  it('prefixes cells that a spreadsheet would run as a formula', () => {
    for (const cell of ['=SUM(A1)', '+1', '-2+3', '@cmd', '\t=1', '\r=1', '=HYPERLINK("http://x")']) {
      expect(neutralize(cell)).toBe(`'${cell}`);
    }
    expect(neutralize('Ada')).toBe('Ada');
    expect(neutralize(-1)).toBe(-1);
    expect(neutralize(null)).toBe('');
  });

  it('never leaves a text cell starting with a formula character', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(String(neutralize(s))).not.toMatch(/^[=+\-@\t\r]/);
      }),
    );
  });
});
