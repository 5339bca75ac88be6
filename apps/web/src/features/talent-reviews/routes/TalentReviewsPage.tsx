import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { Page } from '@/components/Page';
import { useTalentReviews } from '../api';

/** The organization's talent review cycles, the most recent first. */
export default function TalentReviewsPage() {
  const reviews = useTalentReviews();
  return (
    <Page title="Talent reviews">
      <Stack>
        {reviews.data?.items.length === 0 && <Text>No talent review has been opened yet.</Text>}
        {reviews.data?.items.map((r) => (
          <Card key={r.id} withBorder>
            <Group justify="space-between" wrap="wrap">
              <Anchor component={Link} to={`/talent-reviews/${r.id}`} fw={600}>
                {r.name}
              </Anchor>
              <Group gap="xs">
                <Badge variant="light">{r.status}</Badge>
                {r.blind && <Badge variant="outline">pre-ratings blind until {r.closesOn}</Badge>}
                {r.calibrating && <Badge color="grape">you calibrate</Badge>}
              </Group>
            </Group>
          </Card>
        ))}
      </Stack>
    </Page>
  );
}
