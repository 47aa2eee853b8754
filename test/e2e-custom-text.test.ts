// Custom text at scale: a change of one string in one language is that string in the plan
// (Markdown, as a pull request shows it), and nothing of the other strings or languages; a
// string removed from config is shown and removed (the write is a PUT of the whole text).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, type TempDir, tempDir } from './fixtures/tenant-harness.ts';

const text = (language: string, title: string) =>
  `    ${language}:
      login:
        title: ${title}
        description: Log in to Acme (${language})
        buttonText: Continue (${language})
`;
const config = (frTitle: string, frText = text('fr', frTitle)) => `tenant:
  enabled_locales: [en, fr, de]
prompt_custom_text:
  login:
${text('en', 'Welcome')}${frText}${text('de', 'Willkommen')}`;

describe('custom text', () => {
  let h: Harness;
  let dir: TempDir;
  beforeAll(async () => {
    h = await startHarness();
    dir = tempDir({ 'tenant.yaml': config('Bienvenue') });
    const applied = await h.run(['apply', '-c', dir.dir, '--auto-approve']);
    if (applied.code !== 0) throw new Error(applied.stdout + applied.stderr);
  });
  afterAll(async () => {
    await h?.close();
    dir?.remove();
  });

  it('the Markdown plan of one changed string in one language shows that string and nothing else', async () => {
    dir.write('tenant.yaml', config('Bon retour'));
    const before = h.requests.length;
    const result = await h.run(['plan', '--format', 'markdown', '--detailed-exitcode', '-c', dir.dir]);
    expect(result.code, result.stdout + result.stderr).toBe(2);
    const plan = result.stdout;
    expect(plan).toContain('prompt_custom_text.login → fr');
    expect(plan).toContain('login.title');
    expect(plan).toContain('Bienvenue');
    expect(plan).toContain('Bon retour');
    for (const other of ['→ en', '→ de', 'Welcome', 'Willkommen', 'description', 'buttonText', 'Continue'])
      expect(plan, other).not.toContain(other);
    // Read: the prompt config names, in the languages config names or the tenant enabled.
    const reads = h.requests
      .slice(before)
      .filter((r) => r.method === 'GET' && r.path.includes('/custom-text/'))
      .map((r) => r.path)
      .sort();
    expect(reads).toEqual([
      '/prompts/login/custom-text/de',
      '/prompts/login/custom-text/en',
      '/prompts/login/custom-text/fr',
    ]);
  });

  it('a string removed from config is shown and removed from the tenant', async () => {
    const withoutButton = `    fr:
      login:
        title: Bienvenue
        description: Log in to Acme (fr)
`;
    dir.write('tenant.yaml', config('Bienvenue', withoutButton));
    const planned = await h.run(['plan', '--format', 'markdown', '-c', dir.dir]);
    expect(planned.stdout).toContain('login.buttonText');
    expect(planned.stdout).toContain('Continue (fr)');
    const applied = await h.run(['apply', '-c', dir.dir, '--auto-approve']);
    expect(applied.code, applied.stdout).toBe(0);
    const live = await h.get<{ login: Record<string, string> }>('/prompts/login/custom-text/fr');
    expect(live.login).toEqual({ title: 'Bienvenue', description: 'Log in to Acme (fr)' });
    const again = await h.run(['plan', '--detailed-exitcode', '-c', dir.dir]);
    expect(again.code, again.stdout).toBe(0);
  });
});
