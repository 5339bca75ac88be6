import { BarChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { Box } from '@mantine/core';

/** A bar chart for the eye; the page shows the same numbers in a table beside it. */
export default function Bars({
  label,
  data,
  color = 'indigo.8',
}: {
  label: string;
  data: { name: string; value: number }[];
  color?: string;
}) {
  return (
    <Box role="img" aria-label={`${label}; the same numbers are in the table beside it`}>
      <BarChart
        h={220}
        data={data}
        dataKey="name"
        series={[{ name: 'value', label: 'Mentees', color }]}
        tickLine="y"
        yAxisProps={{ allowDecimals: false }}
      />
    </Box>
  );
}
