import { Center, Loader, VisuallyHidden } from '@mantine/core';

/** A spinner for sighted people and the same words for screen readers; the spinner itself is decoration. */
export function Loading({ label = 'Loading' }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Loader aria-hidden="true" />
      <VisuallyHidden>{label}</VisuallyHidden>
    </Center>
  );
}
