import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Code,
  FileInput,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { Page } from '@/components/Page';
import { describeError } from '@/lib/errors';
import { useApplyImport, usePreviewPeopleImport, type AppliedImport, type PeopleImport } from '../api';
import { ErrorTable, PlannedTable } from '../components/PreviewTables';

const HEADER = 'email,name,roles,department,manager_email,mentor_email,phase';

function Count({ label, value }: { label: string; value: number }) {
  return (
    <Paper withBorder p="sm">
      <Text size="sm">{label}</Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
    </Paper>
  );
}

/** HR brings people in from a spreadsheet: choose the file, read the preview, apply it. */
export default function ImportPeoplePage() {
  const [file, setFile] = useState<File | null>(null);
  const [invite, setInvite] = useState(true);
  const [preview, setPreview] = useState<PeopleImport | null>(null);
  const [applied, setApplied] = useState<AppliedImport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const read = usePreviewPeopleImport();
  const apply = useApplyImport();

  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setPreview(null);
    setApplied(null);
    setFailure(null);
    if (!chosen) return;
    try {
      setPreview(await read.mutateAsync(await chosen.text()));
    } catch (e) {
      setFailure(describeError(e));
    }
  };

  const confirm = async () => {
    if (!preview) return;
    setFailure(null);
    try {
      setApplied(await apply.mutateAsync({ id: preview.id, invite }));
    } catch (e) {
      setFailure(describeError(e));
    }
  };

  const changes = preview ? preview.creates + preview.updates : 0;
  return (
    <Page
      title="Import people"
      actions={
        <Anchor component={Link} to="/people">
          Back to People
        </Anchor>
      }
    >
      <Stack gap="xs">
        <Text>
          Save the spreadsheet as CSV (comma or semicolon) with a header line naming its columns; email and name are
          required:
        </Text>
        <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
          {HEADER}
        </Code>
        <Text size="sm">
          Roles are hr_admin, manager and mentee (several separated by |). A mentee needs a manager_email: someone in
          Leadpath or in the file whose roles include manager. Nothing changes until you apply the preview.
        </Text>
      </Stack>
      <FileInput
        label="CSV file"
        placeholder="Choose a .csv file"
        accept=".csv,text/csv"
        value={file}
        onChange={(f) => void choose(f)}
        disabled={read.isPending || apply.isPending}
      />
      {read.isPending && <Text role="status">Reading the file…</Text>}
      {failure && (
        <Alert color="red.9" role="alert" title="That did not work">
          {failure}
        </Alert>
      )}
      {applied && (
        <Alert color="green.9" role="status" title="Imported">
          {applied.creates} created, {applied.updates} updated, {applied.unchanged} unchanged
          {applied.invited > 0 ? `; ${applied.invited} invitations are on their way` : ''}.{' '}
          <Anchor component={Link} to="/people">
            See the people
          </Anchor>
        </Alert>
      )}
      {preview && !applied && (
        <Stack gap="md">
          <Title order={2} size="h3">
            Preview
          </Title>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Count label="To create" value={preview.creates} />
            <Count label="To update" value={preview.updates} />
            <Count label="Unchanged" value={preview.unchanged} />
            <Count label="Errors" value={preview.errors.length} />
          </SimpleGrid>
          {preview.errors.length > 0 && <ErrorTable errors={preview.errors} />}
          {preview.rows.length > 0 && <PlannedTable rows={preview.rows} total={preview.plannedRows} />}
          {preview.errors.length === 0 ? (
            <Group>
              <Checkbox
                label="Send invitations to the people created"
                checked={invite}
                onChange={(e) => setInvite(e.currentTarget.checked)}
              />
              <Button onClick={() => void confirm()} loading={apply.isPending} disabled={changes === 0}>
                {changes === 0 ? 'Nothing to apply' : 'Apply the import'}
              </Button>
            </Group>
          ) : (
            <Text>
              Correct the errors in the spreadsheet and choose the file again: a file with errors is not applied.
            </Text>
          )}
        </Stack>
      )}
    </Page>
  );
}
