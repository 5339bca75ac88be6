import { Badge, Text } from '@mantine/core';
import { LEVEL_COLOR, LEVEL_LABEL, type Level } from '../lib/format';

export function LevelBadge({ level }: { level: Level }) {
  return (
    <Badge color={LEVEL_COLOR[level]} variant="filled" radius="sm">
      {LEVEL_LABEL[level]}
    </Badge>
  );
}

/** Up, down or flat since the previous month, with the words for screen readers. */
export function TrendArrow({ points }: { points: { score: number }[] }) {
  const last = points.at(-1)?.score;
  const before = points.at(-2)?.score;
  if (last === undefined || before === undefined) return <Text span>—</Text>;
  const delta = last - before;
  const [arrow, words, color] =
    delta > 0
      ? ['↑', `up ${delta} since last month`, 'green.9']
      : delta < 0
        ? ['↓', `down ${-delta} since last month`, 'red.9']
        : ['→', 'unchanged since last month', 'gray.8'];
  return (
    <Text span c={color} fw={700} aria-label={words} title={words}>
      {arrow} {delta !== 0 ? Math.abs(delta) : ''}
    </Text>
  );
}
