import { Alert, NativeSelect } from '@mantine/core';
import { useState } from 'react';
import { Pager, useCursorPages } from '@/components/Pager';
import type { Framework } from '@/lib/framework';
import { describeError } from '@/lib/errors';
import { useManagerHeatmap } from '../api';
import { Heatmap } from './Heatmap';

/**
 * Competency means per line manager, 25 managers a page by name: a large organization has
 * thousands of managers, so HR narrows to a department or pages through.
 */
export function ManagerHeatmap({ framework, departments }: { framework: Framework; departments: string[] }) {
  const pages = useCursorPages();
  const [department, setDepartment] = useState('');
  const heatmap = useManagerHeatmap(department || undefined, pages.cursor);
  const rows = heatmap.data?.items ?? [];
  const controls = (
    <>
      <NativeSelect
        label="Managers of the department"
        maw={320}
        data={[{ value: '', label: 'Every department' }, ...departments.map((d) => ({ value: d, label: d }))]}
        value={department}
        onChange={(e) => {
          pages.reset();
          setDepartment(e.currentTarget.value);
        }}
      />
      {heatmap.error && (
        <Alert color="red" role="alert" title="The heatmap by manager could not be loaded">
          {describeError(heatmap.error)}
        </Alert>
      )}
    </>
  );
  return (
    <Heatmap
      title="Competencies by manager"
      groupLabel="Manager"
      framework={framework}
      ordered
      controls={controls}
      empty={
        heatmap.isPending ? 'Loading…' : department ? 'No team in this department has ratings yet.' : 'No ratings yet.'
      }
      cells={rows.flatMap((r) => r.cells.map((c) => ({ ...c, group: r.managerName, groupKey: r.managerId })))}
      // While another page or department loads, the shown page's cursor is not the one to follow.
      footer={
        <Pager
          label="Managers"
          pages={pages}
          nextCursor={heatmap.isPlaceholderData ? undefined : heatmap.data?.nextCursor}
        />
      }
    />
  );
}
