import { createTheme, DEFAULT_THEME, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

/** The default palette with its darkest shade darkened, so white text on `color.9` meets WCAG AA (4.5:1). */
const darkest = (name: keyof typeof DEFAULT_THEME.colors, shade9: string): MantineColorsTuple => {
  const [c0, c1, c2, c3, c4, c5, c6, c7, c8] = DEFAULT_THEME.colors[name];
  return [c0, c1, c2, c3, c4, c5, c6, c7, c8, shade9];
};

export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 8,
  colors: {
    green: darkest('green', '#1e6b30'),
    red: darkest('red', '#a51d24'),
    orange: darkest('orange', '#8a4600'),
    yellow: darkest('yellow', '#6e5200'),
  },
  fontFamily: '"Liberation Sans", Arial, Helvetica, sans-serif',
  headings: { fontFamily: '"Liberation Sans", Arial, Helvetica, sans-serif' },
  focusRing: 'always',
  defaultRadius: 'sm',
  components: {
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    // Outlined alerts keep body text on white, where every colour used here has AA contrast.
    Alert: { defaultProps: { variant: 'outline' } },
  },
});

/**
 * Descriptions, captions, other "dimmed" text, field errors and text on the primary colour's light
 * tint (the active navigation link, hovered or not) dark enough to read: the defaults are below AA.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  // Subtle and light buttons keep AA contrast under the pointer too (the default hover is a mid tint).
  light: {
    '--mantine-color-dimmed': '#495057',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-indigo-light-hover': 'var(--mantine-color-indigo-1)',
    '--mantine-primary-color-light-hover': 'var(--mantine-color-indigo-1)',
    '--mantine-color-indigo-light-color': '#2b3fa6',
  },
  dark: {},
});
