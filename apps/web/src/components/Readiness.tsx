import { Badge, Text } from '@mantine/core';
import { LEVEL_COLOR, LEVEL_LABEL, type Level } from '@/lib/format';

export function LevelBadge({ level }: { level: Level }) {
  return (
    <Badge color={LEVEL_COLOR[level]} variant="filled" radius="sm">
      {LEVEL_LABEL[level]}
    </Badge>
  );
}

/** Up, down or flat since the end of last month, with the words for screen readers. */
export function TrendArrow({ trend }: { trend: 'up' | 'down' | 'flat' | null | undefined }) {
  if (!trend) return <Text span>—</Text>;
  const [arrow, words, color] = {
    up: ['↑', 'up since last month', 'green.9'],
    down: ['↓', 'down since last month', 'red.9'],
    flat: ['→', 'unchanged since last month', 'gray.8'],
  }[trend];
  return (
    <Text span role="img" c={color} fw={700} aria-label={words} title={words}>
      {arrow}
    </Text>
  );
}
