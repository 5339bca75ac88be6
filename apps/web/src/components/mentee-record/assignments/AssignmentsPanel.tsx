import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { QueryError } from '@/components/ErrorPages';
import { Loading } from '@/components/Loading';
import { describeError } from '@/lib/errors';
import { competencyName, type Framework } from '@/lib/framework';
import { formatDate } from '@/lib/format';
import { useAssignments, useChangeStatus, type Assignment } from '../api/assignments';
import { AskForFeedback } from './AskForFeedback';
import { KIND_LABEL, STATUS_LABEL } from './labels';
import { NewAssignmentForm } from './NewAssignmentForm';
import { PendingRespondents } from './PendingRespondents';
import { ResultsView } from './ResultsView';

const NEXT = { planned: 'active', active: 'completed', completed: null } as const;
const NEXT_LABEL = { planned: 'Start', active: 'Mark completed', completed: '' } as const;

const plural = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);

/**
 * How the feedback stands, in words that reveal no more than the API does: before the results
 * open only "fewer than N"; after, the published answers and how many more are pending.
 */
export function feedbackSummary(f: Assignment['feedback']): string {
  if (f.requested === 0 && f.awaitingApproval === 0) return 'Nobody asked for feedback yet.';
  const parts = [`${f.requested} asked`];
  if (f.pending === null) parts.push(`fewer than ${f.threshold} answers so far; results show from ${f.threshold}`);
  else {
    parts.push(`${plural(f.responses, 'answer', 'answers')} in the results`);
    if (f.pending > 0) parts.push(`${plural(f.pending, 'more answer', 'more answers')} pending`);
  }
  if (f.awaitingApproval > 0)
    parts.push(`${plural(f.awaitingApproval, 'outside address awaits', 'outside addresses await')} approval`);
  return parts.join(' · ');
}

function Item({
  a,
  framework,
  leadName,
  canWrite,
  canApprove,
}: {
  a: Assignment;
  framework: Framework;
  leadName: string;
  canWrite: boolean;
  canApprove: boolean;
}) {
  const [showResults, setShowResults] = useState(false);
  const [asking, setAsking] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const status = useChangeStatus(a.menteeId);
  const next = NEXT[a.status];
  const milestone = framework.milestoneTemplates.find((m) => m.id === a.milestoneTemplateId);
  const [approving, setApproving] = useState(false);
  const { requested, awaitingApproval } = a.feedback;
  return (
    <Paper withBorder p="sm" component="li">
      <Stack gap={6}>
        <Group gap="xs">
          <Title order={3} size="h5">
            {a.title}
          </Title>
          <Badge variant="outline" color="gray.8">
            {STATUS_LABEL[a.status]}
          </Badge>
        </Group>
        <Text size="sm">
          {KIND_LABEL[a.kind]} · from {formatDate(a.startsOn)}
          {a.endsOn ? ` to ${formatDate(a.endsOn)}` : ''}
        </Text>
        <Text size="sm">Shows: {a.competencies.map((k) => competencyName(framework, k)).join(', ')}</Text>
        {milestone && <Text size="sm">Proves the milestone “{milestone.title}”</Text>}
        {a.description && <Text size="sm">{a.description}</Text>}
        <Text size="sm">{feedbackSummary(a.feedback)}</Text>
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <Group gap="xs">
          {canWrite && next && (
            <Button
              size="xs"
              variant="outline"
              aria-label={`${NEXT_LABEL[a.status]} “${a.title}”`}
              loading={status.isPending}
              onClick={() => {
                setFailure(null);
                status.mutate({ id: a.id, status: next }, { onError: (e) => setFailure(describeError(e)) });
              }}
            >
              {NEXT_LABEL[a.status]}
            </Button>
          )}
          {canWrite && a.status !== 'planned' && (
            <Button size="xs" aria-label={`Ask for feedback on “${a.title}”`} onClick={() => setAsking(true)}>
              Ask for feedback
            </Button>
          )}
          {canApprove && awaitingApproval > 0 && (
            <Button
              size="xs"
              variant="outline"
              aria-expanded={approving}
              aria-label={`Review outside addresses for “${a.title}”`}
              onClick={() => setApproving((s) => !s)}
            >
              Review outside addresses
            </Button>
          )}
          {requested > 0 && (
            <Button
              size="xs"
              variant="subtle"
              aria-expanded={showResults}
              aria-label={`Results of “${a.title}”`}
              onClick={() => setShowResults((s) => !s)}
            >
              Results
            </Button>
          )}
        </Group>
        {approving && canApprove && <PendingRespondents assignment={a} />}
        {showResults && <ResultsView assignment={a} framework={framework} />}
      </Stack>
      {canWrite && (
        <AskForFeedback assignment={a} leadName={leadName} opened={asking} onClose={() => setAsking(false)} />
      )}
    </Paper>
  );
}

interface PanelProps {
  menteeId: string;
  framework: Framework;
  leadName: string;
  /** The mentee and the line manager plan, step and ask; HR and the mentor read. */
  canWrite: boolean;
  /** The line manager and HR approve the outside addresses the mentee asks (never the mentee). */
  canApprove?: boolean;
}

function List({ menteeId, framework, leadName, canWrite, canApprove = false }: PanelProps) {
  const assignments = useAssignments(menteeId, true);
  const [adding, setAdding] = useState(false);
  if (assignments.error) return <QueryError error={assignments.error} retry={() => void assignments.refetch()} />;
  if (!assignments.data) return <Loading label="Loading the assignments" />;
  const items = assignments.data.items;
  return (
    <Stack gap="sm">
      {canWrite && !adding && (
        <Group>
          <Button size="xs" variant="outline" onClick={() => setAdding(true)}>
            New assignment
          </Button>
        </Group>
      )}
      {adding && <NewAssignmentForm menteeId={menteeId} framework={framework} onDone={() => setAdding(false)} />}
      {items.length === 0 && (
        <Text>No assignments yet. Leading a project, mentoring a junior or running the meetings all count.</Text>
      )}
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items.map((a) => (
          <Item
            key={a.id}
            a={a}
            framework={framework}
            leadName={leadName}
            canWrite={canWrite}
            canApprove={canApprove}
          />
        ))}
      </Stack>
    </Stack>
  );
}

/**
 * Stretch assignments and what the people led said about them. Opened on demand, so the page
 * around it loads without them.
 */
export function AssignmentsPanel(props: PanelProps) {
  const [open, setOpen] = useState(false);
  const regionId = useId();
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3">
            Stretch assignments
          </Title>
          <Button
            size="xs"
            variant="subtle"
            aria-expanded={open}
            aria-controls={regionId}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? 'Hide the assignments' : 'Show the assignments'}
          </Button>
        </Group>
        <Text size="sm">Leadership work without the title, and how the people led saw it.</Text>
        <div id={regionId}>{open && <List {...props} />}</div>
      </Stack>
    </Paper>
  );
}
