import { Alert, Stack, Switch, Text } from '@mantine/core';
import { Loading } from '../../../components/Loading';
import { Page } from '../../../components/Page';
import { describeError } from '../../../lib/errors';
import { useNotificationSwitches, useUpdateNotificationSwitches, type NotificationSwitches } from '../api';

const SWITCHES: { key: keyof NotificationSwitches; label: string; description: string }[] = [
  {
    key: 'feedbackShared',
    label: 'New shared feedback',
    description: 'When your manager or mentor shares feedback with you',
  },
  {
    key: 'milestoneChanges',
    label: 'Milestones verified or revoked',
    description: 'When one of your milestones is verified, or a verification is revoked',
  },
  { key: 'goalConfirmed', label: 'Goals confirmed', description: 'When an achieved goal of yours is confirmed' },
  {
    key: 'weeklyDigest',
    label: 'Weekly digest',
    description: 'For managers: Monday morning, the mentees and goals that need you',
  },
  {
    key: 'monthlySummary',
    label: 'Monthly bench summary',
    description: 'For HR: the readiness of the bench on the 1st of each month',
  },
];

/** The e-mails that are not essential, each on or off for the signed-in person (invitations and resets always come). */
export default function NotificationsPage() {
  const switches = useNotificationSwitches();
  const update = useUpdateNotificationSwitches();
  return (
    <Page title="Notifications">
      <Text>Choose which e-mails Leadpath sends you. Invitations and password resets always come.</Text>
      {(switches.error || update.error) && (
        <Alert color="red" role="alert">
          {describeError(switches.error ?? update.error)}
        </Alert>
      )}
      {!switches.data && !switches.error && <Loading label="Loading your notification settings" />}
      {switches.data && (
        <Stack gap="md">
          {SWITCHES.map((s) => (
            <Switch
              key={s.key}
              label={s.label}
              description={s.description}
              checked={switches.data[s.key]}
              disabled={update.isPending}
              onChange={(event) => update.mutate({ [s.key]: event.currentTarget.checked })}
            />
          ))}
        </Stack>
      )}
    </Page>
  );
}
