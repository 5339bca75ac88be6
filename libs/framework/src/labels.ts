import { PHASE_DEFINITIONS } from './phases';
import type { Level, Phase } from '@leadpath/platform/domain';

/**
 * The words the web app shows for the path's codes (apps/web/src/lib/format.ts), for what a
 * person reads outside it: the CSV, the PDF and chat messages say what the pages say.
 */
/** The phases' names, from the one definition of the path. */
export const PHASE_LABEL = Object.fromEntries(PHASE_DEFINITIONS.map((p) => [p.key, p.name])) as Record<Phase, string>;

export const LEVEL_LABEL: Record<Level, string> = {
  not_yet: 'Not yet',
  developing: 'Developing',
  nearly_ready: 'Nearly ready',
  ready: 'Ready',
};

export const TRACK_LABEL: Record<string, string> = {
  management: 'Management',
  technical_leadership: 'Technical leadership (staff or principal track)',
  undecided: 'Undecided',
};

/** A label for a code, the code itself for one this list does not know. */
export const labelOf = (labels: Record<string, string>, code: string | null | undefined): string =>
  code ? (labels[code] ?? code) : '';

/** A component's 0–1 value as a whole percentage, the way the pages show it. */
export const percentOf = (value: string | number): number => Math.round(Number(value) * 100);
