import { MantineProvider } from '@mantine/core';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { theme } from '@/app/theme';

/** The component's HTML under the app's theme, and its text as a person reads it (tags dropped). */
export function render(ui: ReactNode): { html: string; text: string } {
  const html = renderToStaticMarkup(<MantineProvider theme={theme}>{ui}</MantineProvider>);
  const text = html
    .replace(/<style[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return { html, text };
}
