import { NativeSelect } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import type { User } from '../api';
import { personOptions } from '../labels';

/** The line manager (required) and an optional mentor, chosen among active managers other than the mentee. */
export function RelationFields({
  people,
  manager,
  mentor,
}: {
  people: User[];
  manager: GetInputPropsReturnType;
  mentor: GetInputPropsReturnType;
}) {
  return (
    <>
      <NativeSelect label="Line manager" required data={personOptions(people, 'Choose a manager')} {...manager} />
      <NativeSelect label="Mentor" data={personOptions(people, 'No mentor')} {...mentor} />
    </>
  );
}

/** The same rules the API applies, said before the request. */
export const relationRules = {
  managerId: (v: string) => (v ? null : 'Choose the line manager'),
  mentorId: (v: string, all: { managerId: string }) =>
    v && v === all.managerId ? 'The mentor is someone other than the line manager' : null,
};
