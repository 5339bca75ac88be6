import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';

/** Keyset pages: the cursors seen so far, so "Previous" goes back exactly. */
export function useCursorPages() {
  const [stack, setStack] = useState<string[]>([]);
  return {
    cursor: stack.at(-1),
    page: stack.length + 1,
    next: (cursor: string) => setStack((s) => [...s, cursor]),
    previous: () => setStack((s) => s.slice(0, -1)),
    reset: () => setStack([]),
  };
}

export function Pager({
  label,
  pages,
  nextCursor,
}: {
  label: string;
  pages: ReturnType<typeof useCursorPages>;
  nextCursor: string | null | undefined;
}) {
  if (pages.page === 1 && !nextCursor) return null;
  return (
    <Group component="nav" aria-label={`${label} pages`} gap="sm">
      <Button variant="outline" size="xs" disabled={pages.page === 1} onClick={pages.previous}>
        Previous page
      </Button>
      <Text size="sm">Page {pages.page}</Text>
      <Button variant="outline" size="xs" disabled={!nextCursor} onClick={() => nextCursor && pages.next(nextCursor)}>
        Next page
      </Button>
    </Group>
  );
}
