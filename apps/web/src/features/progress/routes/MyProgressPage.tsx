import { Text } from '@mantine/core';
import { QueryError } from '../../../components/ErrorPages';
import { Loading } from '../../../components/Loading';
import { Page } from '../../../components/Page';
import { ReadinessSummary } from '../../../components/ReadinessSummary';
import { useSession } from '../../../lib/auth';
import { useProgress } from '../../mentees/api/progress';

/** The aspiring lead's home: where they stand and what holds them back. */
export default function MyProgressPage() {
  const { me } = useSession();
  const progress = useProgress(me?.menteeId);
  if (!me?.menteeId) return <Text>You are not enrolled as a mentee.</Text>;
  if (progress.error) return <QueryError error={progress.error} retry={() => void progress.refetch()} />;
  if (!progress.data) return <Loading label="Loading your progress" />;
  return (
    <Page title="My progress">
      <ReadinessSummary readiness={progress.data.readiness} />
    </Page>
  );
}
