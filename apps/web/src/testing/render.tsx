import { MantineProvider } from '@mantine/core';
import { render as renderInDom, type RenderResult } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { theme } from '@/app/theme';

/** The component in the document under the app's theme, and a user to type and click in it. */
export function render(ui: ReactNode): RenderResult & { user: UserEvent } {
  const user = userEvent.setup({ delay: null });
  return { user, ...renderInDom(<MantineProvider theme={theme}>{ui}</MantineProvider>) };
}
