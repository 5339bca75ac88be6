import { Center, Paper, Stack, Title } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';

/** The frame of the pages people see before they are signed in: one card, its title the page's h1. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Leadpath`;
  }, [title]);
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={420}>
        <Stack>
          <Title order={1} size="h2">
            {title}
          </Title>
          {children}
        </Stack>
      </Paper>
    </Center>
  );
}
