import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { QueryError } from '@/components/ErrorPages';
import { Loading } from '@/components/Loading';
import { Page } from '@/components/Page';
import { ScrollRegion } from '@/components/ScrollRegion';
import { describeError } from '@/lib/errors';
import { useFramework } from '@/lib/framework';
import { PHASE_LABEL } from '@/lib/format';
import { useUpdateCompetency, useUpdateTemplate, type Competency, type Template } from '../api';
import { CompetencyDialog } from '../components/CompetencyDialog';
import { ImportLadderPanel } from '../components/ImportLadderPanel';
import { SettingsForm } from '../components/SettingsForm';
import { TemplateDialog } from '../components/TemplateDialog';

type Dialog = { kind: 'competency'; item?: Competency } | { kind: 'template'; item?: Template } | null;

function Retired({ retired }: { retired: boolean }) {
  return retired ? (
    <Badge color="gray.8" variant="outline">
      Retired
    </Badge>
  ) : (
    'In use'
  );
}

/** HR's framework editor: readiness settings, competencies and milestone templates per phase. */
export default function FrameworkPage() {
  const framework = useFramework();
  const updateCompetency = useUpdateCompetency();
  const updateTemplate = useUpdateTemplate();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [failure, setFailure] = useState<string | null>(null);
  if (framework.error) return <QueryError error={framework.error} retry={() => void framework.refetch()} />;
  if (!framework.data) return <Loading label="Loading the framework" />;
  const f = framework.data;
  const onError = (e: unknown) => setFailure(describeError(e));
  const retire = (c: Competency) => {
    setFailure(null);
    updateCompetency.mutate({ id: c.id, body: { retired: !c.retired } }, { onError });
  };
  const retireTemplate = (t: Template) => {
    setFailure(null);
    updateTemplate.mutate({ id: t.id, body: { retired: !t.retired } }, { onError });
  };
  return (
    <Page title="Framework">
      <Text>
        Retiring keeps history: a retired competency or milestone is no longer rated or counted, and can be restored.
      </Text>
      {failure && (
        <Alert color="red" role="alert">
          {failure}
        </Alert>
      )}
      <SettingsForm settings={f.settings} />
      <ImportLadderPanel />
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2} size="h3">
              Competencies
            </Title>
            <Button size="xs" variant="outline" onClick={() => setDialog({ kind: 'competency' })}>
              Add a competency
            </Button>
          </Group>
          <ScrollRegion label="Competencies" minWidth={720}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Competency</Table.Th>
                  <Table.Th scope="col">Key</Table.Th>
                  <Table.Th scope="col">Category</Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                  <Table.Th scope="col">Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {f.competencies.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Th scope="row" fw={500}>
                      {c.name}
                    </Table.Th>
                    <Table.Td>{c.key}</Table.Td>
                    <Table.Td>{c.category === 'core' ? 'Core' : 'Underestimated'}</Table.Td>
                    <Table.Td>
                      <Retired retired={c.retired} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button size="xs" variant="subtle" onClick={() => setDialog({ kind: 'competency', item: c })}>
                          Change {c.name}
                        </Button>
                        <Button size="xs" variant="subtle" onClick={() => retire(c)}>
                          {c.retired ? 'Restore' : 'Retire'} {c.name}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
        </Stack>
      </Paper>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2} size="h3">
              Milestones
            </Title>
            <Button size="xs" variant="outline" onClick={() => setDialog({ kind: 'template' })}>
              Add a milestone
            </Button>
          </Group>
          {f.phases.map((phase) => {
            const templates = f.milestoneTemplates.filter((t) => t.phase === phase.key);
            return (
              <Stack gap={4} key={phase.key}>
                <Title order={3} size="h4">
                  {PHASE_LABEL[phase.key] ?? phase.name}
                </Title>
                {templates.length === 0 ? (
                  <Text size="sm">No milestones in this phase.</Text>
                ) : (
                  <ScrollRegion label={`Milestones: ${PHASE_LABEL[phase.key] ?? phase.name}`} minWidth={720}>
                    <Table striped>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th scope="col">Milestone</Table.Th>
                          <Table.Th scope="col">Counts</Table.Th>
                          <Table.Th scope="col">Status</Table.Th>
                          <Table.Th scope="col">Actions</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {templates.map((t) => (
                          <Table.Tr key={t.id}>
                            <Table.Th scope="row" fw={500}>
                              {t.title}
                            </Table.Th>
                            <Table.Td>{t.required ? 'Required' : 'Optional'}</Table.Td>
                            <Table.Td>
                              <Retired retired={t.retired} />
                            </Table.Td>
                            <Table.Td>
                              <Group gap="xs" wrap="nowrap">
                                <Button
                                  size="xs"
                                  variant="subtle"
                                  onClick={() => setDialog({ kind: 'template', item: t })}
                                >
                                  Change {t.title}
                                </Button>
                                <Button size="xs" variant="subtle" onClick={() => retireTemplate(t)}>
                                  {t.retired ? 'Restore' : 'Retire'} {t.title}
                                </Button>
                              </Group>
                            </Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </ScrollRegion>
                )}
              </Stack>
            );
          })}
        </Stack>
      </Paper>
      {dialog?.kind === 'competency' && <CompetencyDialog competency={dialog.item} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'template' && <TemplateDialog template={dialog.item} onClose={() => setDialog(null)} />}
    </Page>
  );
}
