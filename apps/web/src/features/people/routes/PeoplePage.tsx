import { Anchor, Tabs } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { Page } from '@/components/Page';
import { MenteesSection } from '../components/MenteesSection';
import { UsersSection } from '../components/UsersSection';

/** HR's people: users (create, deactivate, enrol) and mentees (manager, mentor, phase, report). */
export default function PeoplePage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'mentees' ? 'mentees' : 'users';
  return (
    <Page
      title="People"
      actions={
        <Anchor component={Link} to="/people/import">
          Import from a spreadsheet
        </Anchor>
      }
    >
      <Tabs
        value={tab}
        onChange={(value) => setParams(value === 'mentees' ? { tab: 'mentees' } : {}, { replace: true })}
      >
        <Tabs.List>
          <Tabs.Tab value="users">Users</Tabs.Tab>
          <Tabs.Tab value="mentees">Mentees</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="users" pt="md">
          {tab === 'users' && <UsersSection />}
        </Tabs.Panel>
        <Tabs.Panel value="mentees" pt="md">
          {tab === 'mentees' && <MenteesSection />}
        </Tabs.Panel>
      </Tabs>
    </Page>
  );
}
