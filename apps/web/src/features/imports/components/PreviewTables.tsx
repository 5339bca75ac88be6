import { Badge, Table, Text } from '@mantine/core';
import { ScrollRegion } from '@/components/ScrollRegion';
import { PHASE_LABEL } from '@/lib/format';
import type { ImportRowError, PlannedPerson } from '../api';
import { ACTION_LABEL, ROLE_LABEL } from '../labels';

const ACTION_COLOR = { create: 'green.9', update: 'blue.9', unchanged: 'gray.7' } as const;

/** Every problem of the file, by row (as the spreadsheet numbers them) and column. */
export function ErrorTable({ errors }: { errors: ImportRowError[] }) {
  return (
    <ScrollRegion label="Errors in the file" minWidth={480}>
      <Table striped>
        <Table.Caption>Errors: correct them in the spreadsheet and choose the file again</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Row</Table.Th>
            <Table.Th scope="col">Column</Table.Th>
            <Table.Th scope="col">Problem</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {errors.map((e, i) => (
            <Table.Tr key={`${e.row}-${e.column ?? ''}-${i}`}>
              <Table.Td>{e.row}</Table.Td>
              <Table.Td>{e.column ?? 'the whole row'}</Table.Td>
              <Table.Td>{e.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollRegion>
  );
}

/** The rows as they would be applied (the first ones, when the file is long). */
export function PlannedTable({ rows, total }: { rows: PlannedPerson[]; total: number }) {
  return (
    <ScrollRegion label="Planned rows" minWidth={820}>
      <Table striped>
        <Table.Caption>
          {rows.length < total ? `The first ${rows.length} of ${total} rows without errors` : 'The rows without errors'}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Row</Table.Th>
            <Table.Th scope="col">Action</Table.Th>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col">E-mail</Table.Th>
            <Table.Th scope="col">Roles</Table.Th>
            <Table.Th scope="col">Line manager</Table.Th>
            <Table.Th scope="col">Phase</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.row}>
              <Table.Td>{r.row}</Table.Td>
              <Table.Td>
                <Badge color={ACTION_COLOR[r.action]} variant="filled">
                  {ACTION_LABEL[r.action]}
                </Badge>
              </Table.Td>
              <Table.Td>{r.name}</Table.Td>
              <Table.Td>
                <Text size="sm" style={{ wordBreak: 'break-all' }}>
                  {r.email}
                </Text>
              </Table.Td>
              <Table.Td>{r.roles.map((role) => ROLE_LABEL[role]).join(', ')}</Table.Td>
              <Table.Td>{r.managerEmail ?? '—'}</Table.Td>
              <Table.Td>{r.phase ? (PHASE_LABEL[r.phase] ?? r.phase) : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollRegion>
  );
}
