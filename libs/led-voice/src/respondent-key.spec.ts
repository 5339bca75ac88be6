import { canonicalEmail } from '@leadpath/platform/http';
import { domainOf, untagged } from './respondent-key';

describe('respondent keys', () => {
  it('removes a +tag from the local part only', () => {
    expect(untagged('lena.fischer+sock1@example.com')).toBe('lena.fischer@example.com');
    expect(untagged('lena@example.com')).toBe('lena@example.com');
    expect(untagged('a+b+c@x.test')).toBe('a@x.test');
  });

  it('sees spellings of one address as one once canonical', () => {
    const spellings = ['Lena.Fischer+x@Example.COM', 'ｌｅｎａ.fischer@example.com', ' LENA.FISCHER@EXAMPLE.COM '];
    expect(new Set(spellings.map((s) => untagged(canonicalEmail(s))))).toEqual(new Set(['lena.fischer@example.com']));
    expect(domainOf('lena@example.com')).toBe('example.com');
  });
});
