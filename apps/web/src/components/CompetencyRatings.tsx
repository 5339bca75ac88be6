import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { components } from '@/lib/api/schema';
import { formatDate, formatDecimal } from '@/lib/format';
import { ScrollRegion } from './ScrollRegion';

type CompetencyMean = components['schemas']['CompetencyMean'];

/**
 * Each competency's mean and the ratings it comes from, newest first, with "the people led" beside
 * them: the mean of the answers about completed assignments that reached the threshold.
 */
export function CompetencyRatings({ competencies, ledBy }: { competencies: CompetencyMean[]; ledBy: 'you' | 'they' }) {
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h3">
          Competency ratings
        </Title>
        <Text size="sm">
          The mean of the latest three ratings in shared feedback from the last 365 days (1–5), and beside it what the
          people {ledBy} led said about completed stretch assignments, once enough of them answered.
        </Text>
        <ScrollRegion label="Competency ratings table" minWidth={480}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Competency</Table.Th>
                <Table.Th scope="col">Mean</Table.Th>
                <Table.Th scope="col">The people {ledBy} led</Table.Th>
                <Table.Th scope="col">Ratings over time</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {competencies.map((c) => (
                <Table.Tr key={c.key}>
                  <Table.Th scope="row" fw={500}>
                    {c.name}
                  </Table.Th>
                  <Table.Td>{c.mean === null || c.mean === undefined ? 'not rated' : formatDecimal(c.mean)}</Table.Td>
                  <Table.Td>
                    {c.led.mean === null || c.led.mean === undefined
                      ? 'no answers yet'
                      : `${formatDecimal(c.led.mean)} from ${c.led.answers} ${c.led.answers === 1 ? 'answer' : 'answers'}`}
                  </Table.Td>
                  <Table.Td>
                    {c.ratings.length === 0
                      ? '—'
                      : c.ratings.map((r) => `${r.rating} on ${formatDate(r.occurredOn)}`).join(' · ')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      </Stack>
    </Paper>
  );
}
