import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { ScrollRegion } from '@/components/ScrollRegion';
import type { Framework } from '@/lib/framework';
import { formatDecimal } from '@/lib/format';

export interface HeatmapCell {
  /** The row's label. */
  group: string;
  /** What tells rows apart when labels repeat (two managers of one name); the label by default. */
  groupKey?: string;
  competency: string;
  mean?: number | null;
  /** null when the cell is suppressed. */
  ratedMentees?: number | null;
  /** Hidden: fewer people than the organization's smallest group, or to protect such a cell. */
  suppressed?: boolean;
  /** The mean with the raters' measured severities taken out, beside the raw one. */
  calibratedMean?: number | null;
}

/** Light to dark with the mean (1–5); text stays dark on every shade, so the number is always readable. */
const SHADES = ['#fff5f5', '#ffe3e3', '#fff3bf', '#d3f9d8', '#b2f2bb'];
const shade = (mean: number) => SHADES[Math.min(4, Math.max(0, Math.floor(mean) - 1))];

/**
 * Competency means per group (department or manager): a table whose cells are coloured by the
 * mean. The table is its own text alternative: every cell says its number and how many were rated.
 */
export function Heatmap({
  title,
  groupLabel,
  cells,
  framework,
  ordered = false,
  controls,
  footer,
  empty = 'No ratings yet.',
}: {
  title: string;
  groupLabel: string;
  cells: HeatmapCell[];
  framework: Framework;
  /** Rows in the order of the cells (the server's), instead of by label. */
  ordered?: boolean;
  controls?: ReactNode;
  footer?: ReactNode;
  empty?: string;
}) {
  const keyOf = (c: HeatmapCell) => c.groupKey ?? c.group;
  const labels = new Map(cells.map((c) => [keyOf(c), c.group]));
  const groups = [...labels.keys()];
  if (!ordered) groups.sort((a, b) => (labels.get(a) ?? a).localeCompare(labels.get(b) ?? b));
  // The summary names each competency (its name; its key when the framework no longer has it).
  const order = (name: string) => {
    const i = framework.competencies.findIndex((c) => c.name === name || c.key === name);
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  const competencies = [...new Set(cells.map((c) => c.competency))].sort(
    (a, b) => order(a) - order(b) || a.localeCompare(b),
  );
  const byCell = new Map(cells.map((c) => [`${keyOf(c)}\u0000${c.competency}`, c]));
  const at = (group: string, competency: string) => byCell.get(`${group}\u0000${competency}`);
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {title}
        </Title>
        <Text size="sm">
          The mean of the mentees’ competency means (1–5), greener when higher; in brackets, how many mentees have a
          rating. “Hidden” cells count too few people to show (the organization’s smallest group), or would let one be
          worked out from the others.
        </Text>
        {controls}
        {groups.length === 0 ? (
          <Text>{empty}</Text>
        ) : (
          <ScrollRegion label={title} minWidth={160 + competencies.length * 110}>
            <Table withColumnBorders>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{groupLabel}</Table.Th>
                  {competencies.map((name) => (
                    <Table.Th scope="col" key={name}>
                      {name}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {groups.map((g) => (
                  <Table.Tr key={g}>
                    <Table.Th scope="row" fw={500}>
                      {labels.get(g)}
                    </Table.Th>
                    {competencies.map((name) => {
                      const cell = at(g, name);
                      const mean = cell?.mean;
                      if (cell?.suppressed) {
                        return (
                          <Table.Td key={name} c="dark.9">
                            Hidden
                          </Table.Td>
                        );
                      }
                      return (
                        <Table.Td key={name} bg={mean != null ? shade(mean) : undefined} c="dark.9">
                          {mean != null ? formatDecimal(mean) : '—'}
                          {cell ? ` (${cell.ratedMentees ?? 0})` : ''}
                          {cell?.calibratedMean != null ? `; calibrated ${formatDecimal(cell.calibratedMean)}` : ''}
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
        )}
        {footer}
      </Stack>
    </Paper>
  );
}
