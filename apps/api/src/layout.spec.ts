import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The layout tells the architecture: every library is a Nest project with a public index. */
describe('layout', () => {
  const root = join(__dirname, '..', '..', '..');
  const libraries = readdirSync(join(root, 'libs'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);

  it('nest-cli.json lists every library under libs/', () => {
    const cli = JSON.parse(readFileSync(join(root, 'nest-cli.json'), 'utf8')) as {
      projects: Record<string, { type: string; root: string }>;
    };
    const listed = Object.entries(cli.projects)
      .filter(([, p]) => p.type === 'library')
      .map(([name, p]) => ({ name, root: p.root }));
    expect(listed.map((p) => p.name).sort()).toEqual([...libraries].sort());
    for (const p of listed) expect(p.root).toBe(`libs/${p.name}`);
  });

  it('every library has an index.ts, its only public entry', () => {
    for (const lib of libraries) expect(existsSync(join(root, 'libs', lib, 'src', 'index.ts'))).toBe(true);
  });

  it('the lint layering places every library (a new one must be given its layer)', () => {
    const config = readFileSync(join(root, 'eslint.config.mjs'), 'utf8');
    const layers = config.slice(config.indexOf('const LAYERS'), config.indexOf('];', config.indexOf('const LAYERS')));
    for (const lib of libraries) expect(layers).toContain(`'${lib}'`);
  });
});
