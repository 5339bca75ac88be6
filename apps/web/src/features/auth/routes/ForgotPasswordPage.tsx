import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '@/lib/errors';
import { setFieldErrors } from '@/lib/form-errors';
import { requestPasswordReset } from '../api/credentials';
import { AuthCard } from '../components/AuthCard';

/** "Forgot your password?": asks for a reset link by e-mail. */
export default function ForgotPasswordPage() {
  const [sent, setSent] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: { email: '' },
    validate: { email: (v) => (/^\S+@\S+$/.test(v.trim()) ? null : 'Enter your e-mail address') },
  });

  const submit = form.onSubmit(async ({ email }) => {
    setFailure(null);
    try {
      const answer = await requestPasswordReset(email.trim());
      setSent(answer.message);
    } catch (error) {
      setFieldErrors(form, error);
      setFailure(describeError(error));
    }
  });

  return (
    <AuthCard title="Reset your password">
      {sent ? (
        <>
          <Alert color="green.9" role="status" title="Check your e-mail">
            {sent} The link works once, for 30 minutes.
          </Alert>
          <Anchor component={Link} to="/sign-in">
            Back to sign-in
          </Anchor>
        </>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack>
            <Text size="sm">
              Enter the e-mail address you sign in with. We will send you a link to choose a new password.
            </Text>
            {failure && (
              <Alert color="red" role="alert" title="Not sent">
                {failure}
              </Alert>
            )}
            <TextInput label="E-mail" type="email" autoComplete="username" required {...form.getInputProps('email')} />
            <Button type="submit" loading={form.submitting}>
              Send the link
            </Button>
            <Anchor component={Link} to="/sign-in" size="sm">
              Back to sign-in
            </Anchor>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
