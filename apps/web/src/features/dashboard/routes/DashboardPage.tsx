import { Alert, Anchor, Button, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { QueryError } from '@/components/ErrorPages';
import { Loading } from '@/components/Loading';
import { Page } from '@/components/Page';
import { ScrollRegion } from '@/components/ScrollRegion';
import { useFramework } from '@/lib/framework';
import { useReportPdf } from '@/lib/report-pdf';
import { formatDate, LEVEL_LABEL, PHASE_LABEL, type Level } from '@/lib/format';
import { useManagers } from '@/lib/users';
import { useSummary } from '../api';
import { ChartCard } from '../components/ChartCard';
import { CsvExport } from '../components/CsvExport';
import { Heatmap } from '../components/Heatmap';
import { ManagerHeatmap } from '../components/ManagerHeatmap';

const LEVELS = Object.keys(LEVEL_LABEL) as Level[];

/** HR's home: the leadership bench at a glance, each chart with its numbers as a table. */
export default function DashboardPage() {
  const summary = useSummary();
  const framework = useFramework();
  const managers = useManagers();
  const pdf = useReportPdf();
  const error = summary.error ?? framework.error ?? managers.error;
  if (error) return <QueryError error={error} retry={() => void summary.refetch()} />;
  if (!summary.data || !framework.data || !managers.data) return <Loading label="Loading the dashboard" />;

  const s = summary.data;
  const managerName = new Map(managers.data.items.map((m) => [m.id, m.name]));
  const funnel = Object.entries(PHASE_LABEL).map(([phase, name]) => ({
    name,
    value: s.phaseFunnel.filter((e) => e.phase === phase).reduce((sum, e) => sum + e.mentees, 0),
  }));
  const levels = LEVELS.map((level) => ({ name: LEVEL_LABEL[level], value: s.levels[level] }));
  const ready = s.levels.ready + s.levels.nearly_ready;
  return (
    <Page title="The leadership bench">
      <Text>
        {s.mentees} mentees; {ready} ready or nearly ready; {s.staleCount} without a recent one-on-one.{' '}
        {s.asOf ? `Readiness as of ${formatDate(s.asOf)}.` : ''}
      </Text>
      {s.recomputePending && (
        <Alert color="blue" role="status" title="Being recomputed">
          A change to the framework is still being applied to {s.pendingMentees} mentees; their numbers may move.
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <ChartCard
          title="Phase funnel"
          column="Phase"
          rows={funnel}
          summary={funnel.map((f) => `${f.name}: ${f.value}`).join('; ')}
        />
        <ChartCard
          title="Readiness levels"
          column="Level"
          rows={levels}
          summary={levels.map((l) => `${l.name}: ${l.value}`).join('; ')}
        />
      </SimpleGrid>
      <Heatmap
        title="Competencies by department"
        groupLabel="Department"
        framework={framework.data}
        cells={s.heatmapByDepartment.map((c) => ({ ...c, group: c.department ?? 'No department' }))}
      />
      <ManagerHeatmap
        framework={framework.data}
        departments={[...new Set(s.heatmapByDepartment.flatMap((c) => (c.department ? [c.department] : [])))].sort(
          (a, b) => a.localeCompare(b),
        )}
      />
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={2} size="h3">
            Stale mentees
          </Title>
          <Text size="sm">
            No shared one-on-one for more than {framework.data.settings.staleFeedbackDays} days ({s.staleCount} in all
            {s.staleMentees.length < s.staleCount ? `, the first ${s.staleMentees.length} here` : ''}).
          </Text>
          {pdf.error && (
            <Alert color="red" role="alert">
              {pdf.error}
            </Alert>
          )}
          {s.staleMentees.length === 0 ? (
            <Text>Every mentee had a one-on-one recently.</Text>
          ) : (
            <ScrollRegion label="Stale mentees" minWidth={560}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Mentee</Table.Th>
                    <Table.Th scope="col">Manager</Table.Th>
                    <Table.Th scope="col">Last shared one-on-one</Table.Th>
                    <Table.Th scope="col">Report</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {s.staleMentees.map((m) => (
                    <Table.Tr key={m.menteeId}>
                      <Table.Td>
                        <Anchor component={Link} to={`/mentees/${m.menteeId}`}>
                          {m.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{managerName.get(m.managerId) ?? '—'}</Table.Td>
                      <Table.Td>{m.lastSharedFeedbackOn ? formatDate(m.lastSharedFeedbackOn) : 'never'}</Table.Td>
                      <Table.Td>
                        <Button size="xs" variant="subtle" onClick={() => pdf.download(m.menteeId, m.name)}>
                          PDF for {m.name}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollRegion>
          )}
        </Stack>
      </Paper>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={2} size="h3">
            Milestones most often missing
          </Title>
          {s.missingMilestones.length === 0 ? (
            <Text>No required milestone is waiting for verification.</Text>
          ) : (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Milestone</Table.Th>
                  <Table.Th scope="col">Mentees without it</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.missingMilestones.map((m) => (
                  <Table.Tr key={m.templateId}>
                    <Table.Th scope="row" fw={500}>
                      {m.title}
                    </Table.Th>
                    <Table.Td>{m.missing}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </Paper>
      <CsvExport managers={managers.data.items} />
    </Page>
  );
}
