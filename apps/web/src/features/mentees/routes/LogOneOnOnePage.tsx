import { Alert, Anchor } from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router';
import { QueryError } from '@/components/ErrorPages';
import { Loading } from '@/components/Loading';
import { Page } from '@/components/Page';
import { useFramework } from '@/lib/framework';
import { describeError } from '@/lib/errors';
import { useState } from 'react';
import { useCreateFeedback } from '@/components/mentee-record/api/feedback';
import { useMentee } from '../api/mentees';
import { clearDraft } from '@/lib/drafts';
import { setFieldErrors } from '@/lib/form-errors';
import { bodyOf, OneOnOneForm, ratingField, valuesOf } from '@/components/mentee-record/OneOnOneForm';

/** "Log a one-on-one": a page of its own, so it fits a phone held in one hand after the meeting. */
export default function LogOneOnOnePage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const mentee = useMentee(id);
  const framework = useFramework();
  const create = useCreateFeedback(id);
  const [failure, setFailure] = useState<string | null>(null);
  const error = mentee.error ?? framework.error;
  if (error) return <QueryError error={error} />;
  if (!mentee.data || !framework.data) return <Loading />;
  return (
    <Page
      title={`Log a one-on-one with ${mentee.data.name}`}
      actions={
        <Anchor component={Link} to={`/mentees/${id}`}>
          Back to {mentee.data.name}
        </Anchor>
      }
    >
      {failure && (
        <Alert color="red" role="alert" title="Not saved">
          {failure}
        </Alert>
      )}
      <OneOnOneForm
        framework={framework.data}
        initial={valuesOf(null, framework.data)}
        submitLabel="Save the one-on-one"
        draftKey={`one-on-one.${id}`}
        onSubmit={async (values, form) => {
          setFailure(null);
          const { body, ratingKeys } = bodyOf(values);
          try {
            await create.mutateAsync(body);
            clearDraft(`one-on-one.${id}`);
            await navigate(`/mentees/${id}`, { state: { saved: true } });
          } catch (e) {
            setFieldErrors(form, e, ratingField(ratingKeys));
            setFailure(describeError(e));
          }
        }}
      />
    </Page>
  );
}
