import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { formatMonth, LEVEL_LABEL, type Level } from '@/lib/format';
import { Loading } from './Loading';

const TrendChart = lazy(() => import('./TrendChart'));

/** The trend as a chart for the eye and, for everyone, a summary and a table of the same numbers. */
export function Trend({ points }: { points: { at: string; score: number; level: string }[] }) {
  const first = points[0];
  const last = points.at(-1);
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h3">
          Readiness over 12 months
        </Title>
        {first && last && (
          <Text>
            From {first.score} in {formatMonth(first.at)} to {last.score} now (
            {LEVEL_LABEL[last.level as Level].toLowerCase()}).
          </Text>
        )}
        <Suspense fallback={<Loading label="Loading the chart" />}>
          <TrendChart points={points} />
        </Suspense>
        <details>
          <summary>The numbers behind the chart</summary>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Month</Table.Th>
                <Table.Th scope="col">Score</Table.Th>
                <Table.Th scope="col">Level</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {points.map((p) => (
                <Table.Tr key={p.at}>
                  <Table.Td>{formatMonth(p.at)}</Table.Td>
                  <Table.Td>{p.score}</Table.Td>
                  <Table.Td>{LEVEL_LABEL[p.level as Level]}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </details>
      </Stack>
    </Paper>
  );
}
