import {
  Alert,
  Button,
  FileInput,
  Group,
  List,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { describeError } from '@/lib/errors';
import { PHASE_LABEL } from '@/lib/format';
import { useApplyImport, usePreviewImport, type FrameworkImport } from '../api';

const PHASES = ['build_credibility', 'lead_without_title', 'first_management_role', 'growing_scope'] as const;
type Phase = (typeof PHASES)[number];

function Names({ label, items }: { label: string; items: string[] }) {
  return (
    <Stack gap={2}>
      <Text fw={500}>
        {label}: {items.length}
      </Text>
      {items.length > 0 && (
        <List size="sm" aria-label={label}>
          {items.map((name, i) => (
            <List.Item key={`${i}-${name}`}>{name}</List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

/**
 * Imports a career ladder the organization already has: a Leadpath framework document or a
 * progression-framework Markdown file. Choosing a file previews it; HR can map each level to a
 * phase, which previews again, and applies only what the preview shows.
 */
export function ImportLadderPanel() {
  const previewImport = usePreviewImport();
  const applyImport = useApplyImport();
  const [content, setContent] = useState<string | null>(null);
  const [preview, setPreview] = useState<FrameworkImport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [applied, setApplied] = useState(false);

  const run = (text: string, levelPhases?: Record<string, Phase>) => {
    setFailure(null);
    setApplied(false);
    previewImport.mutate(
      { content: text, ...(levelPhases ? { levelPhases } : {}) },
      {
        onSuccess: setPreview,
        onError: (e) => {
          setPreview(null);
          setFailure(describeError(e));
        },
      },
    );
  };
  const choose = async (file: File | null) => {
    setPreview(null);
    setContent(null);
    if (!file) return;
    const text = await file.text();
    setContent(text);
    run(text);
  };
  const mapLevel = (level: string, phase: Phase) => {
    if (!content || !preview?.levelPhases) return;
    run(content, { ...(preview.levelPhases as Record<string, Phase>), [level]: phase });
  };
  const apply = () => {
    if (!preview) return;
    setFailure(null);
    applyImport.mutate(preview.id, {
      onSuccess: () => setApplied(true),
      onError: (e) => setFailure(describeError(e)),
    });
  };
  const c = preview?.competencies;
  const m = preview?.milestoneTemplates;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-ladder-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="import-ladder-title">
          Import a ladder
        </Title>
        <Text size="sm">
          A Leadpath framework document (JSON or YAML, as exported) or a progression-framework Markdown file with YAML
          front matter. Nothing changes until you apply the preview; what the file leaves out is retired, never deleted.
        </Text>
        <FileInput label="Ladder file" accept=".md,.yaml,.yml,.json" onChange={(file) => void choose(file)} />
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        {previewImport.isPending && <Text size="sm">Reading the file…</Text>}
        {preview && c && m && (
          <Stack gap="sm" aria-live="polite">
            {preview.levelPhases && (
              <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
                {Object.entries(preview.levelPhases).map(([level, phase]) => (
                  <NativeSelect
                    key={level}
                    label={`Level ${level} becomes`}
                    value={phase}
                    onChange={(e) => mapLevel(level, e.currentTarget.value as Phase)}
                    data={PHASES.map((p) => ({ value: p, label: PHASE_LABEL[p] ?? p }))}
                  />
                ))}
              </SimpleGrid>
            )}
            {preview.errors.length > 0 && (
              <Alert color="red" title="The file has errors; correct them and choose it again">
                <List size="sm">
                  {preview.errors.map((e) => (
                    <List.Item key={e.path}>
                      {e.path}: {e.message}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            )}
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <Stack gap="xs">
                <Title order={3} size="h4">
                  Competencies
                </Title>
                <Names label="Competencies added" items={c.added.map((x) => x.name)} />
                <Names label="Competencies renamed" items={c.renamed.map((x) => `${x.from} → ${x.to}`)} />
                <Names label="Competencies retired" items={c.retired.map((x) => x.name)} />
                <Text size="sm">Unchanged: {c.unchanged.length + c.changed.length}</Text>
              </Stack>
              <Stack gap="xs">
                <Title order={3} size="h4">
                  Milestones
                </Title>
                <Names label="Milestones added" items={m.added.map((x) => x.title)} />
                <Names label="Milestones changed" items={m.changed.map((x) => x.title)} />
                <Names label="Milestones retired" items={m.retired.map((x) => x.title)} />
                <Text size="sm">Unchanged: {m.unchanged.length}</Text>
              </Stack>
            </SimpleGrid>
            {applied ? (
              <Alert color="green" role="status">
                The ladder is applied.
              </Alert>
            ) : (
              <Group>
                <Button onClick={apply} loading={applyImport.isPending} disabled={preview.errors.length > 0}>
                  Apply the import
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
