/** Dates and numbers for people, through Intl, in English. Calendar dates are UTC days. */
const LOCALE = 'en';

const dateFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeZone: 'UTC' });
const timeFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });
const monthFormat = new Intl.DateTimeFormat(LOCALE, { month: 'short', year: 'numeric', timeZone: 'UTC' });
const percentFormat = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 0 });
const decimalFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1, minimumFractionDigits: 1 });

const parse = (value: string) => new Date(value.length === 10 ? `${value}T00:00:00Z` : value);

export const formatDate = (value: string | null | undefined): string => (value ? dateFormat.format(parse(value)) : '—');
/** An instant to the second, in UTC (pages that show times say so). */
export const formatDateTime = (value: string | null | undefined): string =>
  value ? timeFormat.format(new Date(value)) : '—';
export const formatMonth = (value: string): string => monthFormat.format(parse(value));
export const formatPercent = (fraction: number): string => percentFormat.format(fraction);
export const formatDecimal = (value: number): string => decimalFormat.format(value);

/** Today as a UTC calendar day, the way the API counts days. */
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

export const LEVEL_LABEL = {
  not_yet: 'Not yet',
  developing: 'Developing',
  nearly_ready: 'Nearly ready',
  ready: 'Ready',
} as const;
export type Level = keyof typeof LEVEL_LABEL;
export const LEVEL_COLOR: Record<Level, string> = {
  not_yet: 'red.9',
  developing: 'orange.9',
  nearly_ready: 'blue.8',
  ready: 'green.9',
};

export const PHASE_LABEL: Record<string, string> = {
  build_credibility: 'Build technical credibility',
  lead_without_title: 'Lead without the title',
  first_management_role: 'First management role',
  growing_scope: 'Growing scope',
};

export const SUGGESTION_LABEL: Record<string, string> = {
  management: 'management',
  technical_leadership: 'technical leadership (staff or principal track)',
  undecided: 'undecided',
};
