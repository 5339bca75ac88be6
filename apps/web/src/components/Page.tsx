import { Stack, Title } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';

/** A page: its title is the document title and the one h1, so screen readers announce where they are. */
export function Page({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Leadpath`;
  }, [title]);
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1} size="h2">
          {title}
        </Title>
        {actions}
      </Stack>
      {children}
    </Stack>
  );
}
