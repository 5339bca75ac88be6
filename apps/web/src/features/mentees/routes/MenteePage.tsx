import { Alert, Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
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
import { useFeedbackList } from '@/components/mentee-record/api/feedback';
import { useMentee } from '../api/mentees';
import { useProgress } from '@/components/mentee-record/api/progress';
import { AssessmentPanel } from '@/components/mentee-record/AssessmentPanel';
import { FeedbackTimeline } from '@/components/mentee-record/FeedbackTimeline';
import { GoalsPanel } from '@/components/mentee-record/GoalsPanel';
import { MilestonesPanel } from '@/components/mentee-record/MilestonesPanel';
import { PhaseHistoryPanel } from '../components/PhaseHistoryPanel';

/** The page is long (a phone scrolls through thousands of pixels), so it opens with these. */
const SECTIONS: Section[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'feedback', label: 'Feedback' },
  { id: 'milestones', label: 'Milestones' },
  { id: 'goals', label: 'Goals' },
  { id: 'assignments', label: 'Assignments' },
  { id: 'assessment', label: 'Assessments' },
  { id: 'phase-history', label: 'Phase history' },
];

/**
 * One mentee, as their manager, mentor or HR sees them. Three requests, all at once: the mentee,
 * their progress (readiness, trend, milestones, goals, assessments) and the feedback history.
 */
export default function MenteePage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const { me, hasRole } = useSession();
  const mentee = useMentee(id);
  const progress = useProgress(id);
  const feedback = useFeedbackList(id);
  const framework = useFramework();
  const [pdfError, setPdfError] = useState<string | null>(null);
  const error = mentee.error ?? progress.error ?? feedback.error ?? framework.error;
  if (error) return <QueryError error={error} retry={() => void Promise.all([mentee.refetch(), progress.refetch()])} />;
  if (!mentee.data || !progress.data || !feedback.data || !framework.data)
    return <Loading label="Loading the mentee" />;

  const m = mentee.data;
  const p = progress.data;
  const lineManager = m.managerId === me?.user.id;
  const hr = hasRole('hr_admin');
  const saved = (location.state as { saved?: boolean } | null)?.saved;
  return (
    <Page
      title={m.name}
      actions={
        <Stack gap="xs">
          <Text>
            {PHASE_LABEL[m.phase]}
            {m.department ? ` · ${m.department}` : ''}
            {lineManager ? ' · you are the line manager' : m.mentorId === me?.user.id ? ' · you are the mentor' : ''}
          </Text>
          <Group gap="sm">
            {(lineManager || m.mentorId === me?.user.id) && (
              <Button component={Link} to={`/mentees/${id}/one-on-one`}>
                Log a one-on-one
              </Button>
            )}
            {(lineManager || hr) && (
              <Button
                variant="outline"
                onClick={() =>
                  void downloadFile(`/api/v1/mentees/${id}/report.pdf`, `${m.name}.pdf`).catch((e) =>
                    setPdfError(describeError(e)),
                  )
                }
              >
                Download the PDF report
              </Button>
            )}
          </Group>
        </Stack>
      }
    >
      {saved && (
        <Alert color="green.9" role="status" title="Saved">
          The one-on-one is logged.
        </Alert>
      )}
      {pdfError && (
        <Alert color="red" role="alert">
          {pdfError}
        </Alert>
      )}
      <SectionNav sections={SECTIONS} />
      <PageSection id="overview">
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <ReadinessSummary readiness={p.readiness} />
          <GapsChecklist gaps={p.readiness.gaps} needToSee={p.readiness.needToSee} />
        </SimpleGrid>
        <Trend points={p.trend} />
        <CompetencyRatings competencies={p.readiness.competencies} ledBy="they" />
      </PageSection>
      <PageSection id="feedback">
        <FeedbackTimeline entries={feedback.data.items} framework={framework.data} myId={me?.user.id} />
      </PageSection>
      <PageSection id="milestones">
        <MilestonesPanel
          menteeId={id}
          milestones={p.milestones}
          canRecord={lineManager}
          canVerify={lineManager || hr}
          canRevoke={hr && m.userId !== me?.user.id}
        />
      </PageSection>
      <PageSection id="goals">
        <GoalsPanel
          menteeId={id}
          goals={p.goals}
          framework={framework.data}
          canConfirm={(lineManager || hr) && m.userId !== me?.user.id}
        />
      </PageSection>
      <PageSection id="assignments">
        <AssignmentsPanel
          menteeId={id}
          framework={framework.data}
          leadName={m.name}
          canWrite={lineManager}
          canApprove={(lineManager || hr) && m.userId !== me?.user.id}
        />
      </PageSection>
      <PageSection id="assessment">
        <AssessmentPanel menteeId={id} self={p.assessments.self} manager={p.assessments.manager} kind="manager" />
      </PageSection>
      <PageSection id="phase-history">
        <PhaseHistoryPanel menteeId={id} />
      </PageSection>
    </Page>
  );
}
