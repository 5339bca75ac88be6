import { Text } from '@mantine/core';
import { useParams } from 'react-router';
import { QueryError } from '../../../components/ErrorPages';
import { Loading } from '../../../components/Loading';
import { Page } from '../../../components/Page';
import { ReadinessSummary } from '../../../components/ReadinessSummary';
import { PHASE_LABEL } from '../../../lib/format';
import { useMentee } from '../api/mentees';
import { useProgress } from '../api/progress';

/** One mentee, as their manager (or HR) sees them. */
export default function MenteePage() {
  const { id = '' } = useParams();
  const mentee = useMentee(id);
  const progress = useProgress(id);
  const error = mentee.error ?? progress.error;
  if (error) return <QueryError error={error} retry={() => void Promise.all([mentee.refetch(), progress.refetch()])} />;
  if (!mentee.data || !progress.data) return <Loading label="Loading the mentee" />;
  return (
    <Page title={mentee.data.name}>
      <Text>{PHASE_LABEL[mentee.data.phase]}</Text>
      <ReadinessSummary readiness={progress.data.readiness} />
    </Page>
  );
}
