import { Alert, Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { downloadFile } from '../../../lib/api/client';
import { describeError } from '../../../lib/errors';
import { LEVEL_LABEL, PHASE_LABEL, todayUtc } from '../../../lib/format';
import type { User } from '../../people/api';

const options = (labels: Record<string, string>, any: string) => [
  { value: '', label: any },
  ...Object.entries(labels).map(([value, label]) => ({ value, label })),
];

/** The readiness CSV (one row per mentee), filtered as the API allows, as a download. */
export function CsvExport({ managers }: { managers: User[] }) {
  const [filter, setFilter] = useState({ phase: '', managerId: '', department: '', level: '' });
  const [state, setState] = useState<{ busy: boolean; error: string | null; done: boolean }>({
    busy: false,
    error: null,
    done: false,
  });
  const set = (key: keyof typeof filter) => (value: string) => setFilter((f) => ({ ...f, [key]: value }));
  const download = async () => {
    setState({ busy: true, error: null, done: false });
    const query = new URLSearchParams(
      Object.entries({ ...filter, department: filter.department.trim() }).filter(([, v]) => v),
    ).toString();
    try {
      await downloadFile(`/api/v1/reports/readiness.csv${query ? `?${query}` : ''}`, `readiness-${todayUtc()}.csv`);
      setState({ busy: false, error: null, done: true });
    } catch (e) {
      setState({ busy: false, error: describeError(e), done: false });
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
          <TextInput
            label="Department"
            maxLength={100}
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
        {state.done && (
          <Text role="status" size="sm">
            The CSV is downloaded.
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
