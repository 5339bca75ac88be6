import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { Loading } from '@/components/Loading';
import { useSession } from '@/lib/auth';
import { ApiError, describeError } from '@/lib/errors';
import { setFieldErrors } from '@/lib/form-errors';
import { discoverSso } from '../api/credentials';
import { ssoErrorMessage } from '../sso-errors';

/** Only a path inside the app: `from` comes from the address bar and must not send anyone elsewhere. */
function safeFrom(from: string | null): string {
  return from && from.startsWith('/') && !from.startsWith('//') ? from : '/';
}

export default function SignInPage() {
  const session = useSession();
  const [params] = useSearchParams();
  const [failure, setFailure] = useState<string | null>(null);
  // The password was right for accounts in several organizations: the person picks one.
  const [choices, setChoices] = useState<{ id: string; name: string }[] | null>(null);
  const [choosing, setChoosing] = useState<string | null>(null);
  // Where single sign-on starts for the address typed, when its domain uses it.
  const [ssoStart, setSsoStart] = useState<{ email: string; url: string } | null>(null);
  const ssoError = params.get('sso_error');
  const form = useForm({
    initialValues: { email: '', password: '' },
    // A choice of organizations holds for the address and password it was given for.
    onValuesChange: () => setChoices(null),
    validate: {
      email: (v) => (/^\S+@\S+$/.test(v.trim()) ? null : 'Enter your e-mail address'),
      password: (v) => (v.length > 0 ? null : 'Enter your password'),
    },
  });

  useEffect(() => {
    document.title = 'Sign in · Leadpath';
  }, []);

  if (session.status === 'loading') return <Loading label="Checking your session" />;
  if (session.status === 'signedIn') return <Navigate to={safeFrom(params.get('from'))} replace />;

  const signIn = async (organizationId?: string) => {
    setFailure(null);
    try {
      await session.signIn(form.values.email.trim(), form.values.password, organizationId);
    } catch (error) {
      if (error instanceof ApiError && error.body.error === 'choose_organization' && error.body.organizations) {
        setChoices(error.body.organizations);
        return;
      }
      setChoices(null);
      setFieldErrors(form, error);
      setFailure(
        error instanceof ApiError && error.status === 401 ? 'Wrong e-mail or password.' : describeError(error),
      );
    }
  };
  const submit = form.onSubmit(() => signIn());
  // The address comes first: once it is typed, ask whether its domain signs in elsewhere.
  const lookUpSso = async () => {
    const email = form.values.email.trim();
    if (!/^\S+@\S+\.\S+$/.test(email) || ssoStart?.email === email) return;
    try {
      const found = await discoverSso(email);
      setSsoStart(found.sso && found.startUrl ? { email, url: found.startUrl } : null);
    } catch {
      setSsoStart(null);
    }
  };
  const choose = async (organizationId: string) => {
    setChoosing(organizationId);
    try {
      await signIn(organizationId);
    } finally {
      setChoosing(null);
    }
  };

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={420}>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack>
            <Title order={1} size="h2">
              Sign in to Leadpath
            </Title>
            {params.get('from') && <Text size="sm">Sign in to continue where you were.</Text>}
            {ssoError && !failure && (
              <Alert color="red" role="alert" title="Single sign-on did not complete">
                {ssoErrorMessage(ssoError)}
              </Alert>
            )}
            {failure && (
              <Alert color="red" role="alert" title="Not signed in">
                {failure}
              </Alert>
            )}
            {choices && (
              <Stack gap="xs" role="group" aria-labelledby="choose-organization">
                <Title order={2} size="h4" id="choose-organization">
                  Choose your organization
                </Title>
                <Text size="sm">Your address has an account in each of these organizations.</Text>
                {choices.map((o) => (
                  <Button
                    key={o.id}
                    variant="light"
                    loading={choosing === o.id}
                    disabled={choosing !== null && choosing !== o.id}
                    onClick={() => void choose(o.id)}
                  >
                    Sign in to {o.name}
                  </Button>
                ))}
              </Stack>
            )}
            <TextInput
              label="E-mail"
              type="email"
              autoComplete="username"
              required
              {...form.getInputProps('email')}
              onBlurCapture={() => void lookUpSso()}
            />
            {ssoStart && ssoStart.email === form.values.email.trim() && (
              <Stack gap="xs">
                <Button component="a" href={ssoStart.url} variant="filled">
                  Continue with your organization’s sign-in
                </Button>
                <Text size="sm">Or sign in with a password, if HR gave you one.</Text>
              </Stack>
            )}
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              required
              {...form.getInputProps('password')}
            />
            <Button type="submit" loading={form.submitting}>
              Sign in
            </Button>
            <Anchor component={Link} to="/forgot-password" size="sm">
              Forgot your password?
            </Anchor>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
