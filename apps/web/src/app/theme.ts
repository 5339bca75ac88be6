import { createTheme } from '@mantine/core';

/** Darker shades than the defaults, so text on buttons and badges meets WCAG AA contrast. */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 8,
  fontFamily: '"Liberation Sans", Arial, Helvetica, sans-serif',
  headings: { fontFamily: '"Liberation Sans", Arial, Helvetica, sans-serif' },
  focusRing: 'always',
  defaultRadius: 'sm',
});
