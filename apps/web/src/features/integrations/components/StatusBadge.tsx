import { Badge } from '@mantine/core';

/** A delivery's status as a word on a colour dark enough for white text. */
export function StatusBadge({ status }: { status: { label: string; color: string } }) {
  return (
    <Badge color={status.color} variant="filled">
      {status.label}
    </Badge>
  );
}
