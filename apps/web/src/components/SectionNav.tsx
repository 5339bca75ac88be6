import { Anchor, Box, Group, Stack } from '@mantine/core';
import type { ReactNode } from 'react';

/** The shell's fixed header: sections stop below it, and the desk's sticky row sits under it. */
const HEADER = 56;

export interface Section {
  id: string;
  label: string;
}

/**
 * "On this page": links to the sections of a long page. Plain fragment links, so nothing is
 * hidden behind a tab and every panel stays in the page (and in the tests that find it by role).
 * Sticky under the header from the small breakpoint up; on a phone a row that scrolls sideways.
 */
export function SectionNav({ sections }: { sections: Section[] }) {
  return (
    <Box
      component="nav"
      aria-label="On this page"
      pos={{ base: 'static', sm: 'sticky' }}
      top={HEADER}
      py="xs"
      bg="var(--mantine-color-body)"
      style={{ zIndex: 2, overflowX: 'auto', borderBottom: '1px solid var(--mantine-color-default-border)' }}
    >
      <Group component="ul" gap="md" wrap="nowrap" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {sections.map((s) => (
          <li key={s.id} style={{ whiteSpace: 'nowrap' }}>
            <Anchor href={`#${s.id}`} size="sm" fw={500}>
              {s.label}
            </Anchor>
          </li>
        ))}
      </Group>
    </Box>
  );
}

/** One jump target of a SectionNav; the panel inside carries the heading. */
export function PageSection({ id, children }: { id: string; children: ReactNode }) {
  return (
    <Stack component="section" gap="lg" id={id} style={{ scrollMarginTop: HEADER + 56 }}>
      {children}
    </Stack>
  );
}
