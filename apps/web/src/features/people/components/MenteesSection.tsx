import { Alert, Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { PersonPicker } from '@/components/PersonPicker';
import { ScrollRegion } from '@/components/ScrollRegion';
import { useState } from 'react';
import { Link } from 'react-router';
import { Pager, useCursorPages } from '@/components/Pager';
import { LevelBadge } from '@/components/Readiness';
import { describeError } from '@/lib/errors';
import { PHASE_LABEL } from '@/lib/format';
import { useReportPdf } from '@/lib/report-pdf';
import { useManagers, useMenteePage, type Mentee } from '../api';
import { MenteeDialog } from './MenteeDialog';

/** Every mentee with their manager, mentor, phase and readiness; HR changes the first three here. */
export function MenteesSection() {
  const pages = useCursorPages();
  const [managerId, setManagerId] = useState('');
  const mentees = useMenteePage(pages.cursor, managerId || undefined);
  const managers = useManagers();
  const pdf = useReportPdf();
  const [editing, setEditing] = useState<Mentee | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const name = new Map((managers.data?.items ?? []).map((m) => [m.id, m.name]));
  return (
    <Stack gap="sm">
      <PersonPicker
        label="Line manager"
        placeholder="Any manager"
        w={320}
        maw="100%"
        role="manager"
        activeOnly={false}
        value={managerId || null}
        onChange={(id) => {
          setManagerId(id ?? '');
          pages.reset();
        }}
      />
      {notice && (
        <Alert color="green.9" role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {pdf.error && (
        <Alert color="red" role="alert">
          {pdf.error}
        </Alert>
      )}
      {mentees.error && <Text role="alert">{describeError(mentees.error)}</Text>}
      {mentees.data && mentees.data.items.length === 0 && <Text>No mentees yet: enrol a user on the Users tab.</Text>}
      {mentees.data && mentees.data.items.length > 0 && (
        <ScrollRegion label="Mentees" minWidth={820}>
          <Table striped>
            <Table.Caption>{mentees.data.items.length} mentees on this page</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Mentee</Table.Th>
                <Table.Th scope="col">Phase</Table.Th>
                <Table.Th scope="col">Line manager</Table.Th>
                <Table.Th scope="col">Mentor</Table.Th>
                <Table.Th scope="col">Readiness</Table.Th>
                <Table.Th scope="col">Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {mentees.data.items.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Th scope="row" fw={500}>
                    <Anchor component={Link} to={`/mentees/${m.id}`}>
                      {m.name}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{PHASE_LABEL[m.phase]}</Table.Td>
                  <Table.Td>{name.get(m.managerId) ?? '—'}</Table.Td>
                  <Table.Td>{m.mentorId ? (name.get(m.mentorId) ?? '—') : 'none'}</Table.Td>
                  <Table.Td>
                    {m.readiness ? (
                      <Group gap={6} wrap="nowrap">
                        <Text span>{m.readiness.score}</Text>
                        <LevelBadge level={m.readiness.level} />
                      </Group>
                    ) : (
                      'being computed'
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" variant="outline" onClick={() => setEditing(m)}>
                        Change {m.name}
                      </Button>
                      <Button size="xs" variant="subtle" onClick={() => pdf.download(m.id, m.name)}>
                        PDF for {m.name}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
      <Pager label="Mentees" pages={pages} nextCursor={mentees.data?.nextCursor} />
      {editing && (
        <MenteeDialog
          mentee={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setNotice(`${editing.name} is updated.`);
            setEditing(null);
          }}
        />
      )}
    </Stack>
  );
}
