import { Alert, Anchor, Badge, Button, Group, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ModalForm } from '@/components/ModalForm';
import { describeError } from '@/lib/errors';
import { setFieldErrors } from '@/lib/form-errors';
import { formatDate, PHASE_LABEL } from '@/lib/format';
import { useRecordMilestone, useRevokeMilestone, useVerifyMilestone } from './api/milestones';
import type { Milestone } from './api/types';

/** The API's field errors on the evidence form: the text, every link on the links, the status. */
const evidenceField = (path: string) =>
  path === 'evidence.text'
    ? 'text'
    : path.startsWith('evidence.links')
      ? 'links'
      : path === 'status'
        ? 'status'
        : undefined;

const STATUS: Record<Milestone['status'], string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  completed: 'Completed, awaiting verification',
};

function EvidenceForm({
  menteeId,
  milestone,
  onClose,
}: {
  menteeId: string;
  milestone: Milestone;
  onClose: () => void;
}) {
  const record = useRecordMilestone(menteeId);
  const [failure, setFailure] = useState<string | null>(null);
  const evidence = milestone.evidence as { text?: string; links?: string[] } | null;
  const form = useForm({
    initialValues: {
      status: milestone.status === 'completed' ? 'completed' : 'in_progress',
      text: evidence?.text ?? '',
      links: (evidence?.links ?? []).join('\n'),
    },
  });
  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    const links = values.links
      .split(/\s+/)
      .map((l) => l.trim())
      .filter(Boolean);
    try {
      await record.mutateAsync({
        templateId: milestone.templateId,
        body: {
          status: values.status as 'in_progress' | 'completed',
          evidence: { text: values.text.trim() || undefined, links },
        },
      });
      onClose();
    } catch (e) {
      setFieldErrors(form, e, evidenceField);
      setFailure(describeError(e));
    }
  });
  return (
    <ModalForm
      title={`Evidence: ${milestone.title}`}
      onClose={onClose}
      onSubmit={submit}
      failure={failure}
      submitLabel="Save evidence"
      pending={record.isPending}
    >
      <Radio.Group label="Status" {...form.getInputProps('status')}>
        <Group mt="xs">
          <Radio value="in_progress" label="In progress" />
          <Radio value="completed" label="Completed" />
        </Group>
      </Radio.Group>
      <Textarea label="What you did" autosize minRows={3} maxLength={4000} {...form.getInputProps('text')} />
      <Textarea
        label="Links (one per line)"
        description="Documents, tickets or recordings that show it, starting with https://"
        autosize
        minRows={2}
        {...form.getInputProps('links')}
      />
    </ModalForm>
  );
}

/** HR's "revoke": the reason is required and kept with the record. */
function RevokeForm({ menteeId, milestone, onClose }: { menteeId: string; milestone: Milestone; onClose: () => void }) {
  const revoke = useRevokeMilestone(menteeId);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: { reason: '' },
    validate: { reason: (v) => (v.trim() ? null : 'Say why the verification no longer stands') },
  });
  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      await revoke.mutateAsync({ templateId: milestone.templateId, reason: values.reason.trim() });
      onClose();
    } catch (e) {
      setFieldErrors(form, e);
      setFailure(describeError(e));
    }
  });
  return (
    <ModalForm
      title={`Revoke the verification: ${milestone.title}`}
      onClose={onClose}
      onSubmit={submit}
      failure={failure}
      failureTitle="Not revoked"
      submitLabel="Revoke the verification"
      submitColor="red.9"
      pending={revoke.isPending}
    >
      <Text size="sm">
        The milestone stops counting toward readiness; the mentee sees the reason and may record new evidence.
      </Text>
      <Textarea label="Reason" required autosize minRows={3} maxLength={1000} {...form.getInputProps('reason')} />
    </ModalForm>
  );
}

/** The milestones of the mentee's phase: evidence for the mentee, verification for the line manager, revoke for HR. */
export function MilestonesPanel({
  menteeId,
  milestones,
  canRecord,
  canVerify,
  canRevoke = false,
}: {
  menteeId: string;
  milestones: Milestone[];
  canRecord: boolean;
  canVerify: boolean;
  canRevoke?: boolean;
}) {
  const verify = useVerifyMilestone(menteeId);
  const [editing, setEditing] = useState<Milestone | null>(null);
  const [revoking, setRevoking] = useState<Milestone | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const phase = milestones[0]?.phase;
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h3">
          Milestones{phase ? ` — ${PHASE_LABEL[phase]}` : ''}
        </Title>
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {milestones.map((m) => {
            const evidence = m.evidence as { text?: string; links?: string[] } | null;
            return (
              <li key={m.templateId}>
                <Paper withBorder p="sm">
                  <Stack gap={4}>
                    <Group gap="xs">
                      <Title order={3} size="h5">
                        {m.title}
                      </Title>
                      {!m.required && (
                        <Badge variant="outline" color="gray.8">
                          Optional
                        </Badge>
                      )}
                      {m.verified ? (
                        <Badge color="green.9" variant="filled">
                          Verified {formatDate(m.verifiedAt)}
                          {m.verifiedByName ? ` by ${m.verifiedByName}` : ''}
                        </Badge>
                      ) : (
                        <Badge color="gray.8" variant="outline">
                          {STATUS[m.status]}
                        </Badge>
                      )}
                    </Group>
                    {!m.verified && m.revokedAt && (
                      <Text size="sm">
                        Verification revoked {formatDate(m.revokedAt)}
                        {m.revokeReason ? `: ${m.revokeReason}` : ''}
                      </Text>
                    )}
                    {evidence?.text && <Text size="sm">{evidence.text}</Text>}
                    {(evidence?.links ?? []).map((link) => (
                      <Anchor key={link} href={link} size="sm" target="_blank" rel="noreferrer noopener">
                        {link}
                      </Anchor>
                    ))}
                    <Group gap="xs">
                      {canRecord && !m.verified && (
                        <Button
                          size="xs"
                          variant="outline"
                          aria-label={`Record evidence for “${m.title}”`}
                          onClick={() => setEditing(m)}
                        >
                          Record evidence
                        </Button>
                      )}
                      {canVerify && m.status === 'completed' && !m.verified && (
                        <Button
                          size="xs"
                          aria-label={`Verify “${m.title}”`}
                          loading={verify.isPending && verify.variables === m.templateId}
                          onClick={() => {
                            setFailure(null);
                            verify.mutate(m.templateId, { onError: (e) => setFailure(describeError(e)) });
                          }}
                        >
                          Verify
                        </Button>
                      )}
                      {canRevoke && m.verified && (
                        <Button
                          size="xs"
                          variant="outline"
                          color="red.9"
                          aria-label={`Revoke “${m.title}”`}
                          onClick={() => setRevoking(m)}
                        >
                          Revoke
                        </Button>
                      )}
                    </Group>
                  </Stack>
                </Paper>
              </li>
            );
          })}
        </Stack>
      </Stack>
      {editing && <EvidenceForm menteeId={menteeId} milestone={editing} onClose={() => setEditing(null)} />}
      {revoking && <RevokeForm menteeId={menteeId} milestone={revoking} onClose={() => setRevoking(null)} />}
    </Paper>
  );
}
