import { Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { Loading } from '@/components/Loading';

const Bars = lazy(() => import('./BarChart'));

/** A count per category as a chart and, for everyone, a table of the same numbers and a sentence. */
export function ChartCard({
  title,
  summary,
  rows,
  column,
}: {
  title: string;
  summary: string;
  rows: { name: string; value: number }[];
  column: string;
}) {
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {title}
        </Title>
        <Text>{summary}</Text>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Suspense fallback={<Loading label="Loading the chart" />}>
            <Bars label={title} data={rows} />
          </Suspense>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{column}</Table.Th>
                <Table.Th scope="col">Mentees</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.name}>
                  <Table.Th scope="row" fw={500}>
                    {r.name}
                  </Table.Th>
                  <Table.Td>{r.value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
