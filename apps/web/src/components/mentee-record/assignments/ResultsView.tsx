import { List, Stack, Table, Text, Title } from '@mantine/core';
import { QueryError } from '@/components/ErrorPages';
import { Loading } from '@/components/Loading';
import { competencyName, type Framework } from '@/lib/framework';
import { formatDecimal } from '@/lib/format';
import { useResults, type Assignment } from '../api/assignments';

function Comments({ title, items }: { title: string; items: string[] }) {
  return (
    <>
      <Title order={5} size="h6">
        {title}
      </Title>
      {items.length === 0 ? (
        <Text size="sm">Nobody wrote anything here.</Text>
      ) : (
        <List size="sm">
          {items.map((c, i) => (
            <List.Item key={i}>{c}</List.Item>
          ))}
        </List>
      )}
    </>
  );
}

/** What the people led said: nothing before the threshold, then per competency and the free text, never per person. */
export function ResultsView({ assignment, framework }: { assignment: Assignment; framework: Framework }) {
  const results = useResults(assignment.id, true);
  if (results.error) return <QueryError error={results.error} retry={() => void results.refetch()} />;
  if (!results.data) return <Loading label="Loading the results" />;
  const r = results.data;
  const headingId = `results-${assignment.id}`;
  if (!r.competencies) {
    return (
      <Stack gap={4} aria-labelledby={headingId}>
        <Title order={4} size="h6" id={headingId}>
          What the people led said
        </Title>
        <Text size="sm">
          {r.pending === null ? `Fewer than ${r.threshold} answers so far.` : `${r.responses} answers.`} Results show
          once {r.threshold} people have answered, so that no single answer can be recognised.
        </Text>
      </Stack>
    );
  }
  return (
    <Stack gap="xs">
      <Title order={4} size="h6" id={headingId}>
        What the people led said ({r.responses} answers)
      </Title>
      <Table.ScrollContainer minWidth={420}>
        <Table aria-labelledby={headingId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Competency</Table.Th>
              <Table.Th scope="col">Mean</Table.Th>
              {[1, 2, 3, 4, 5].map((n) => (
                <Table.Th scope="col" key={n}>
                  <abbr title={`answers that gave ${n}`}>{n}</abbr>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.competencies.map((c) => (
              <Table.Tr key={c.key}>
                <Table.Th scope="row" fw={500}>
                  {competencyName(framework, c.key)}
                </Table.Th>
                <Table.Td>{formatDecimal(c.mean)}</Table.Td>
                {c.distribution.map((count, i) => (
                  <Table.Td key={i}>{count}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs">Columns 1 to 5: how many answers gave that rating.</Text>
      {r.pending !== null && r.pending > 0 && (
        <Text size="sm">
          {r.pending === 1 ? '1 more answer' : `${r.pending} more answers`} pending: new answers join the results{' '}
          {r.threshold} at a time, so that no single answer can be read from a change.
        </Text>
      )}
      {r.comments && <Comments title="What they did well" items={r.comments.wentWell} />}
      {r.comments && <Comments title="What would help them lead better" items={r.comments.couldHelp} />}
    </Stack>
  );
}
