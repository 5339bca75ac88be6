import type { GetInputPropsReturnType } from '@mantine/form';
import { PersonPicker } from '@/components/PersonPicker';

/**
 * The line manager (required) and an optional mentor, chosen among all active managers other
 * than the mentee: type part of a name or address to find anyone.
 */
export function RelationFields({
  exclude,
  manager,
  mentor,
}: {
  /** The mentee's own account, who cannot manage or mentor themselves. */
  exclude: string;
  manager: GetInputPropsReturnType;
  mentor: GetInputPropsReturnType;
}) {
  return (
    <>
      <PersonPicker
        label="Line manager"
        description="Type part of a name or e-mail address"
        placeholder="Choose a manager"
        required
        role="manager"
        exclude={exclude}
        value={(manager.value as string) || null}
        onChange={(id) => (manager.onChange as (value: string) => void)(id ?? '')}
        error={manager.error as string | undefined}
        onBlur={manager.onBlur as () => void}
        comboboxProps={{ withinPortal: true }}
      />
      <PersonPicker
        label="Mentor"
        placeholder="No mentor"
        role="manager"
        exclude={exclude}
        value={(mentor.value as string) || null}
        onChange={(id) => (mentor.onChange as (value: string) => void)(id ?? '')}
        error={mentor.error as string | undefined}
        onBlur={mentor.onBlur as () => void}
        comboboxProps={{ withinPortal: true }}
      />
    </>
  );
}

/** The same rules the API applies, said before the request. */
export const relationRules = {
  managerId: (v: string) => (v ? null : 'Choose the line manager'),
  mentorId: (v: string, all: { managerId: string }) =>
    v && v === all.managerId ? 'The mentor is someone other than the line manager' : null,
};
