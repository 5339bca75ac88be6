import { Alert, Stack, Switch, Text } from '@mantine/core';
import { Loading } from '@/components/Loading';
import { Page } from '@/components/Page';
import { useSession, type Me } from '@/lib/auth';
import { describeError } from '@/lib/errors';
import { useNotificationSwitches, useUpdateNotificationSwitches, type NotificationSwitches } from '../api';

/** Who an e-mail can reach: a switch is shown only to someone it can reach. */
type Audience = 'mentee' | 'manager' | 'hr_admin';

const SWITCHES: { key: keyof NotificationSwitches; label: string; description: string; audience: Audience }[] = [
  {
    key: 'feedbackShared',
    label: 'New shared feedback',
    description: 'When your manager or mentor shares feedback with you',
    audience: 'mentee',
  },
  {
    key: 'milestoneChanges',
    label: 'Milestones verified or revoked',
    description: 'When one of your milestones is verified, or a verification is revoked',
    audience: 'mentee',
  },
  {
    key: 'goalConfirmed',
    label: 'Goals confirmed',
    description: 'When an achieved goal of yours is confirmed',
    audience: 'mentee',
  },
  {
    key: 'weeklyDigest',
    label: 'Weekly digest',
    description: 'Monday morning, the mentees and goals that need you',
    audience: 'manager',
  },
  {
    key: 'monthlySummary',
    label: 'Monthly bench summary',
    description: 'The readiness of the bench on the 1st of each month',
    audience: 'hr_admin',
  },
];

const reaches = (me: Me | null, audience: Audience) =>
  audience === 'mentee' ? Boolean(me?.menteeId) : (me?.roles ?? []).includes(audience);

/** The e-mails that are not essential, each on or off for the signed-in person (invitations and resets always come). */
export default function NotificationsPage() {
  const { me } = useSession();
  const switches = useNotificationSwitches();
  const shown = SWITCHES.filter((s) => reaches(me, s.audience));
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
          {shown.length === 0 && <Text>No optional e-mail reaches you in your current roles.</Text>}
          {shown.map((s) => (
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
