import { Alert, Button, Group, SimpleGrid, Text } from '@mantine/core';
import { useState } from 'react';
import { CompetencyRatings } from '@/components/CompetencyRatings';
import { QueryError } from '@/components/ErrorPages';
import { GapsChecklist } from '@/components/GapsChecklist';
import { Loading } from '@/components/Loading';
import { Page } from '@/components/Page';
import { PageSection, SectionNav, type Section } from '@/components/SectionNav';
import { ReadinessSummary } from '@/components/ReadinessSummary';
import { Trend } from '@/components/Trend';
import { downloadFile } from '@/lib/api/client';
import { useSession } from '@/lib/auth';
import { describeError } from '@/lib/errors';
import { useFramework } from '@/lib/framework';
import { AssignmentsPanel } from '@/components/mentee-record/assignments/AssignmentsPanel';
import { PHASE_LABEL } from '@/lib/format';
import { useProgress } from '@/components/mentee-record/api/progress';
import { AssessmentPanel } from '@/components/mentee-record/AssessmentPanel';
import { FeedbackTimeline } from '@/components/mentee-record/FeedbackTimeline';
import { GoalsPanel } from '@/components/mentee-record/GoalsPanel';
import { MilestonesPanel } from '@/components/mentee-record/MilestonesPanel';

/** The page is long (a phone scrolls through thousands of pixels), so it opens with these. */
const SECTIONS: Section[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'milestones', label: 'Milestones' },
  { id: 'goals', label: 'Goals' },
  { id: 'assignments', label: 'Assignments' },
  { id: 'feedback', label: 'Feedback' },
  { id: 'self-assessment', label: 'Self-assessment' },
];

/** The aspiring lead's home: where they stand, what holds them back and what to do next. */
export default function MyProgressPage() {
  const { me } = useSession();
  const menteeId = me?.menteeId ?? '';
  const progress = useProgress(menteeId);
  const framework = useFramework();
  const [pdfError, setPdfError] = useState<string | null>(null);
  if (!menteeId) return <Text>You are not enrolled as a mentee yet. HR enrols you.</Text>;
  const error = progress.error ?? framework.error;
  if (error) return <QueryError error={error} retry={() => void progress.refetch()} />;
  if (!progress.data || !framework.data) return <Loading label="Loading your progress" />;
  const p = progress.data;
  return (
    <Page
      title="My progress"
      actions={
        <Group gap="sm">
          <Text>
            {me?.user.name} · {PHASE_LABEL[p.readiness.phase]}
          </Text>
          <Button
            variant="outline"
            onClick={() =>
              void downloadFile(`/api/v1/mentees/${menteeId}/report.pdf`, 'my-progress.pdf').catch((e) =>
                setPdfError(describeError(e)),
              )
            }
          >
            Download my PDF
          </Button>
        </Group>
      }
    >
      {pdfError && (
        <Alert color="red" role="alert">
          {pdfError}
        </Alert>
      )}
      <SectionNav sections={SECTIONS} />
      <PageSection id="overview">
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <ReadinessSummary readiness={p.readiness} />
          <GapsChecklist gaps={p.readiness.gaps} withNextSteps needToSee={p.readiness.needToSee} />
        </SimpleGrid>
        <Trend points={p.trend} />
      </PageSection>
      <PageSection id="milestones">
        <MilestonesPanel menteeId={menteeId} milestones={p.milestones} canRecord canVerify={false} />
      </PageSection>
      <PageSection id="goals">
        <GoalsPanel menteeId={menteeId} goals={p.goals} framework={framework.data} />
        <CompetencyRatings competencies={p.readiness.competencies} ledBy="you" />
      </PageSection>
      <PageSection id="assignments">
        <AssignmentsPanel menteeId={menteeId} framework={framework.data} leadName={me?.user.name ?? 'you'} canWrite />
      </PageSection>
      <PageSection id="feedback">
        <FeedbackTimeline entries={p.recentFeedback} framework={framework.data} myId={me?.user.id} canAcknowledge />
      </PageSection>
      <PageSection id="self-assessment">
        <AssessmentPanel menteeId={menteeId} self={p.assessments.self} manager={p.assessments.manager} kind="self" />
      </PageSection>
    </Page>
  );
}
