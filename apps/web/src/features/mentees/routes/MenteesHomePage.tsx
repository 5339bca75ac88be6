import { Anchor, Badge, Checkbox, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { QueryError } from '@/components/ErrorPages';
import { Loading } from '@/components/Loading';
import { Page } from '@/components/Page';
import { LevelBadge, TrendArrow } from '@/components/Readiness';
import { useSession } from '@/lib/auth';
import { useFramework } from '@/lib/framework';
import { LEVEL_LABEL, PHASE_LABEL, todayUtc } from '@/lib/format';
import { useMentees } from '@/lib/mentees';

const DAY_MS = 86_400_000;
const daysSince = (day: string | null | undefined) =>
  day ? Math.round((Date.parse(todayUtc()) - Date.parse(day)) / DAY_MS) : null;

/**
 * The manager's home: every mentee they manage or mentor, the ones without a recent one-on-one
 * first. One request: each list item carries its readiness (score, level, trend, last one-on-one).
 */
export default function MenteesHomePage() {
  const { me } = useSession();
  const mentees = useMentees();
  const framework = useFramework();
  const items = useMemo(() => mentees.data?.items ?? [], [mentees.data]);
  const [search, setSearch] = useState('');
  const [level, setLevel] = useState<string | null>(null);
  const [staleOnly, setStaleOnly] = useState(false);

  if (mentees.error) return <QueryError error={mentees.error} retry={() => void mentees.refetch()} />;
  if (!mentees.data) return <Loading label="Loading your mentees" />;

  const staleDays = framework.data?.settings.staleFeedbackDays ?? 30;
  const rows = items
    .map((mentee) => {
      const r = mentee.readiness;
      return { mentee, r, days: daysSince(r?.lastSharedFeedbackOn), stale: r?.stale ?? false };
    })
    .filter((r) => r.mentee.name.toLowerCase().includes(search.trim().toLowerCase()))
    .filter((r) => !level || r.r?.level === level)
    .filter((r) => !staleOnly || r.stale)
    .sort((a, b) => Number(b.stale) - Number(a.stale) || a.mentee.name.localeCompare(b.mentee.name));

  return (
    <Page title="My mentees">
      <Text>
        Hello {me?.user.name}. Mentees without shared feedback for more than {staleDays} days are flagged and listed
        first.
      </Text>
      <Group align="flex-end" wrap="wrap">
        <TextInput label="Search by name" value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
        <Select
          label="Level"
          placeholder="Any level"
          clearable
          data={Object.entries(LEVEL_LABEL).map(([value, label]) => ({ value, label }))}
          value={level}
          onChange={setLevel}
        />
        <Checkbox
          label="Only stale"
          checked={staleOnly}
          onChange={(e) => setStaleOnly(e.currentTarget.checked)}
          mb={8}
        />
      </Group>
      {items.length === 0 ? (
        <Text>You have no mentees yet. HR assigns them.</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover>
            <Table.Caption>
              {rows.length} of {items.length} mentees
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Phase</Table.Th>
                <Table.Th scope="col">Score</Table.Th>
                <Table.Th scope="col">Level</Table.Th>
                <Table.Th scope="col">Trend</Table.Th>
                <Table.Th scope="col">Last one-on-one</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map(({ mentee, r, days, stale }) => (
                <Table.Tr key={mentee.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/mentees/${mentee.id}`}>
                      {mentee.name}
                    </Anchor>
                    {mentee.managerId !== me?.user.id && (
                      <Text span size="sm" ml={6}>
                        (mentored)
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{PHASE_LABEL[mentee.phase]}</Table.Td>
                  <Table.Td>{r ? r.score : 'being computed'}</Table.Td>
                  <Table.Td>{r && <LevelBadge level={r.level} />}</Table.Td>
                  <Table.Td>
                    <TrendArrow trend={r?.trend} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text span size="sm">
                        {days === null
                          ? r
                            ? 'never'
                            : ''
                          : days === 0
                            ? 'today'
                            : days === 1
                              ? 'yesterday'
                              : `${days} days ago`}
                      </Text>
                      {stale && (
                        <Badge color="red.9" variant="filled" size="sm">
                          Stale
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Page>
  );
}
