import { Alert, Button, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Page } from '@/components/Page';
import { downloadFile } from '@/lib/api/client';
import { describeError } from '@/lib/errors';

/** The person's own data, as a zip of JSON and CSV files (GDPR access and portability). */
export default function MyDataPage() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const download = () => {
    setError(null);
    setPending(true);
    downloadFile('/api/v1/me/export', 'leadpath-my-data.zip')
      .catch((e) => setError(describeError(e)))
      .finally(() => setPending(false));
  };
  return (
    <Page title="My data">
      <Stack gap="md" maw={640}>
        <Text>
          Download everything Leadpath holds about you, as a zip of JSON files (each described by a published schema)
          and CSV copies you can open in a spreadsheet:
        </Text>
        <List>
          <List.Item>your account, roles and their history</List.Item>
          <List.Item>your mentee record, milestones and evidence, goals and check-ins</List.Item>
          <List.Item>the feedback about you that you can see, and your assessments</List.Item>
          <List.Item>your stretch assignments with their results (never who answered)</List.Item>
          <List.Item>the audit events about you or made by you</List.Item>
        </List>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <div>
          <Button onClick={download} loading={pending}>
            Download my data
          </Button>
        </div>
        <Text size="sm">To have your data erased, ask your HR team.</Text>
      </Stack>
    </Page>
  );
}
