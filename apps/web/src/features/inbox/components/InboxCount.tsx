import { Badge } from '@mantine/core';
import { useInbox } from '../api';

/** The navigation's count of what waits, for screen readers as "n waiting". */
export function InboxCount() {
  const inbox = useInbox();
  const total = inbox.data?.total ?? 0;
  if (total === 0) return null;
  return (
    <Badge size="sm" circle={total < 10} aria-label={`${total} waiting`} data-testid="inbox-count">
      {total > 99 ? '99+' : total}
    </Badge>
  );
}
