// The container image is the npm package installed as users install it. Docker cannot run on
// every CI machine (nor here), so this checks the Dockerfile's steps are those of
// .ci/install-check, which builds the same layout without Docker and runs the demo from it
// (.ci/docker-check builds the real image where a daemon runs).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const manifest = JSON.parse(read('package.json'));

interface Stage {
  from: string;
  name?: string;
  steps: { instruction: string; args: string }[];
}

function stages(dockerfile: string): Stage[] {
  const found: Stage[] = [];
  for (const line of dockerfile.replace(/\\\n/g, ' ').split('\n')) {
    const m = /^([A-Z]+)\s+(.*)$/.exec(line.trim());
    if (!m || line.trim().startsWith('#')) continue;
    const [, instruction, args] = m as unknown as [string, string, string];
    if (instruction === 'FROM') {
      const [from, , name] = args.split(/\s+/);
      found.push({ from: from!, name, steps: [] });
    } else found.at(-1)!.steps.push({ instruction, args });
  }
  return found;
}

describe('Dockerfile', () => {
  const [build, image] = stages(read('Dockerfile'));
  const runs = (s: Stage) => s.steps.filter((x) => x.instruction === 'RUN').map((x) => x.args);

  it('packs the package in one stage and installs only its tarball in the image', () => {
    expect(build).toBeDefined();
    expect(image).toBeDefined();
    expect(runs(build!)).toEqual(['npm ci --no-audit --no-fund', 'npm pack --pack-destination /package']);
    const copies = image!.steps.filter((s) => s.instruction === 'COPY').map((s) => s.args);
    expect(copies).toEqual([`--from=${build!.name} /package/ /package/`]);
    expect(runs(image!)[0]).toMatch(
      /^npm install --global --no-audit --no-fund \/package\/tenantform-\*\.tgz\b/,
    );
    expect(image!.steps.find((s) => s.instruction === 'ENTRYPOINT')?.args).toBe('["tenantform"]');
    expect(image!.steps.find((s) => s.instruction === 'USER')?.args).toBe('node');
  });

  it('uses a Node the package supports, and leaves the checkout’s node_modules and dist out', () => {
    const major = Number(manifest.engines.node.match(/(\d+)/)[1]);
    for (const stage of [build!, image!]) expect(stage.from).toMatch(new RegExp(`^node:${major}(-|$)`));
    const ignored = read('.dockerignore').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.tenantform']));
  });

  it('takes the steps .ci/install-check takes without Docker: pack, then a global install of the tarball', () => {
    const check = read('.ci/install-check');
    expect(check).toMatch(/^npm pack --pack-destination /m);
    expect(check).toMatch(
      /^npm install --global --prefix "\$work\/prefix" --no-audit --no-fund "\$tarball"/m,
    );
    expect(check).toMatch(/tenantform" demo$/m);
    expect(read('.ci/run')).toMatch(/^\.ci\/install-check$[\s\S]*^\.ci\/docker-check$/m);
  });
});
