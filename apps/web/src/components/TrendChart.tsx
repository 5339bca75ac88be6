import { LineChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { Box } from '@mantine/core';
import { formatMonth } from '@/lib/format';

/** The 12-month readiness line. Split into its own chunk: the chart library is the heaviest part of the app. */
export default function TrendChart({ points }: { points: { at: string; score: number }[] }) {
  const data = points.map((p) => ({ month: formatMonth(p.at), score: p.score }));
  return (
    <Box role="img" aria-label="Readiness chart; the same numbers are in the table below it">
      <LineChart
        h={220}
        data={data}
        dataKey="month"
        series={[{ name: 'score', label: 'Readiness', color: 'indigo.8' }]}
        yAxisProps={{ domain: [0, 100] }}
        curveType="linear"
        withDots
      />
    </Box>
  );
}
