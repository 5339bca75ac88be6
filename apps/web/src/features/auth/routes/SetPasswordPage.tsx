import { Alert, Anchor, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useSession } from '@/lib/auth';
import { describeError } from '@/lib/errors';
import { fieldErrorsOf } from '@/lib/form-errors';
import { setPasswordFromLink } from '../api/credentials';
import { AuthCard } from '../components/AuthCard';

const MIN_LENGTH = 10;

const TEXT = {
  invitation: {
    title: 'Welcome to Leadpath',
    intro: 'Choose the password you will sign in with.',
    button: 'Set my password',
    done: 'Your password is set. Sign in with your e-mail address and it.',
  },
  password_reset: {
    title: 'Choose a new password',
    intro: 'Setting it signs you out everywhere you are signed in.',
    button: 'Set the new password',
    done: 'Your new password is set, and every earlier session has ended. Sign in with it.',
  },
} as const;

/**
 * The page an invitation or password-reset link opens. The token is in the address's fragment
 * (`#token=…`), which the browser never sends to a server.
 */
export default function SetPasswordPage({ purpose }: { purpose: keyof typeof TEXT }) {
  const text = TEXT[purpose];
  const { hash } = useLocation();
  const token = new URLSearchParams(hash.slice(1)).get('token');
  const session = useSession();
  const [done, setDone] = useState(false);
  const [badLink, setBadLink] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: { password: '', repeat: '' },
    validate: {
      password: (v) => (v.length >= MIN_LENGTH ? null : `Use at least ${MIN_LENGTH} characters`),
      repeat: (v, values) => (v === values.password ? null : 'The two passwords differ'),
    },
  });

  const submit = form.onSubmit(async ({ password }) => {
    setFailure(null);
    try {
      await setPasswordFromLink(token ?? '', password);
      // Any session this browser held has just ended on the server.
      session.expire();
      setDone(true);
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (fields.token) setBadLink(fields.token);
      else if (fields.password) form.setErrors({ password: fields.password });
      else setFailure(describeError(error));
    }
  });

  if (!token || badLink) {
    return (
      <AuthCard title={text.title}>
        <Alert color="red" role="alert" title="This link does not work">
          {badLink ?? 'The link is incomplete. Open it again from the e-mail, the whole address.'}
        </Alert>
        <Text size="sm">Links work once and expire. You can ask for a new one.</Text>
        <Anchor component={Link} to="/forgot-password">
          Ask for a new link
        </Anchor>
      </AuthCard>
    );
  }

  if (done) {
    return (
      <AuthCard title={text.title}>
        <Alert color="green.9" role="status" title="Password set">
          {text.done}
        </Alert>
        <Button component={Link} to="/sign-in">
          Sign in
        </Button>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={text.title}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <Text size="sm">
            {text.intro} At least {MIN_LENGTH} characters; a passphrase of a few words is easy to remember.
          </Text>
          {failure && (
            <Alert color="red" role="alert" title="Not set">
              {failure}
            </Alert>
          )}
          <PasswordInput
            label="New password"
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
          <PasswordInput
            label="Repeat the new password"
            autoComplete="new-password"
            required
            {...form.getInputProps('repeat')}
          />
          <Button type="submit" loading={form.submitting}>
            {text.button}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
