import { Alert, Button, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { downloadFile } from '@/lib/api/client';
import { describeError } from '@/lib/errors';
import { LEVEL_LABEL, PHASE_LABEL, todayUtc } from '@/lib/format';
import type { User } from '@/lib/users';
import { useDepartments } from '../api';

const options = (labels: Record<string, string>, any: string) => [
  { value: '', label: any },
  ...Object.entries(labels).map(([value, label]) => ({ value, label })),
];

/**
 * A CSV with nothing after its header line: the filters match nobody. The header is one line
 * (names of columns and competencies have no line breaks) well inside the first 64 kB.
 */
async function headerOnly(file: Blob): Promise<boolean> {
  const head = await file.slice(0, 64 * 1024).text();
  const end = head.indexOf('\n');
  return end === -1 || end === head.length - 1;
}

/** The readiness CSV (one row per mentee), filtered as the API allows, as a download. */
export function CsvExport({ managers }: { managers: User[] }) {
  const [filter, setFilter] = useState({ phase: '', managerId: '', department: '', level: '' });
  const departments = useDepartments();
  const [state, setState] = useState<{ busy: boolean; error: string | null; done: 'downloaded' | 'empty' | null }>({
    busy: false,
    error: null,
    done: null,
  });
  const set = (key: keyof typeof filter) => (value: string) => setFilter((f) => ({ ...f, [key]: value }));
  const download = async () => {
    setState({ busy: true, error: null, done: null });
    const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v)).toString();
    try {
      const saved = await downloadFile(
        `/api/v1/reports/readiness.csv${query ? `?${query}` : ''}`,
        `readiness-${todayUtc()}.csv`,
        { skip: headerOnly },
      );
      setState({ busy: false, error: null, done: saved ? 'downloaded' : 'empty' });
    } catch (e) {
      setState({ busy: false, error: describeError(e), done: null });
    }
  };
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h3">
          Readiness export
        </Title>
        <Text size="sm">
          One row per mentee: phase, score, level, each component and gap. Leave a filter empty for everyone.
        </Text>
        <Group align="flex-end" wrap="wrap">
          <NativeSelect
            label="Phase"
            data={options(PHASE_LABEL, 'Any phase')}
            value={filter.phase}
            onChange={(e) => set('phase')(e.currentTarget.value)}
          />
          <NativeSelect
            label="Manager"
            data={[{ value: '', label: 'Any manager' }, ...managers.map((m) => ({ value: m.id, label: m.name }))]}
            value={filter.managerId}
            onChange={(e) => set('managerId')(e.currentTarget.value)}
          />
          <NativeSelect
            label="Department"
            data={[
              { value: '', label: 'All departments' },
              ...(departments.data?.items ?? []).map((d) => ({
                value: d.name,
                label: `${d.name} (${d.mentees})`,
              })),
            ]}
            value={filter.department}
            onChange={(e) => set('department')(e.currentTarget.value)}
          />
          <NativeSelect
            label="Level"
            data={options(LEVEL_LABEL, 'Any level')}
            value={filter.level}
            onChange={(e) => set('level')(e.currentTarget.value)}
          />
          <Button onClick={() => void download()} loading={state.busy}>
            Download the CSV
          </Button>
        </Group>
        {state.error && (
          <Alert color="red" role="alert" title="Not downloaded">
            {state.error}
          </Alert>
        )}
        {state.done === 'downloaded' && (
          <Text role="status" size="sm">
            The CSV is downloaded.
          </Text>
        )}
        {state.done === 'empty' && (
          <Text role="status" size="sm">
            No mentee matches these filters, so no file was saved. Change a filter and try again.
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
