/** Meeting times in the viewer's own time zone (the browser's), with the weekday: a calendar's words. */
const whenFormat = new Intl.DateTimeFormat('en', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const timeFormat = new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit' });

export const formatWhen = (instant: string): string => whenFormat.format(new Date(instant));
export const formatTime = (instant: string): string => timeFormat.format(new Date(instant));
export const viewerTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

const CADENCE: Record<string, string> = {
  'FREQ=WEEKLY': 'every week',
  'FREQ=WEEKLY;INTERVAL=1': 'every week',
  'FREQ=WEEKLY;INTERVAL=2': 'every two weeks',
  'FREQ=MONTHLY': 'every month',
  'FREQ=DAILY': 'every day',
};

/** A series' rule in words where it is one of the usual ones; the rule itself otherwise. */
export const describeCadence = (rule: string | null): string =>
  rule === null ? 'a single meeting' : (CADENCE[rule.toUpperCase()] ?? `repeats (${rule})`);
