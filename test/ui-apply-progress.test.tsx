import { renderToString } from 'ink';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ApplyEvent } from '../src/apply/events.ts';
import type { Change } from '../src/planner/model.ts';
import { renderApplyProgress } from '../src/ui/apply-progress.ts';
import { ApplyProgressState, describeReport } from '../src/ui/apply-state.ts';
import { ApplyFrame } from '../src/ui/apply-view.tsx';
import { APPLY_QUESTION, canPrompt, confirm } from '../src/ui/confirm.ts';

function change(address: string, action: Change['action'] = 'create'): Change {
  const [type, key] = address.split('.') as [string, string];
  return { address, type, key, action, fields: [], changed: [], dependsOn: [] };
}

const spa = change('clients.My SPA');
const api = change('resource_servers.api', 'update');
const grant = change('client_grants.My SPA/api');
const events: ApplyEvent[] = [
  { type: 'start', address: spa.address, change: spa },
  { type: 'start', address: api.address, change: api },
  { type: 'rate-limit-wait', ms: 1500 },
  { type: 'done', address: spa.address, change: spa, ms: 120.4 },
  { type: 'failed', address: api.address, change: api, error: 'Bad Request: invalid scope', ms: 30 },
  {
    type: 'skipped',
    address: grant.address,
    change: grant,
    reason: 'depends on resource_servers.api, which failed',
  },
];

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk) => {
    text += String(chunk);
  });
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
}

describe('plain progress (not a TTY)', () => {
  it('writes one line per finished change, rate-limit waits, then the report', async () => {
    const out = capture();
    const progress = renderApplyProgress({
      changes: [spa, api, grant],
      stdout: out.stream,
      interactive: false,
    });
    for (const e of events) progress.onEvent(e);
    await progress.finish({
      done: [spa.address],
      failed: [{ address: api.address, error: 'Bad Request: invalid scope' }],
      skipped: [{ address: grant.address, reason: 'depends on resource_servers.api, which failed' }],
    });
    expect(out.text()).toBe(
      [
        '… rate limit reached: waiting 1.5 s',
        '+ clients.My SPA … created (120 ms)',
        '~ resource_servers.api … failed (30 ms): Bad Request: invalid scope',
        '+ client_grants.My SPA/api … skipped: depends on resource_servers.api, which failed',
        '',
        'Apply failed: 1 done, 1 failed, 1 skipped.',
        '  failed:  resource_servers.api: Bad Request: invalid scope',
        '  skipped: client_grants.My SPA/api: depends on resource_servers.api, which failed',
        '',
      ].join('\n'),
    );
  });

  it('is chosen when stdout is not a TTY', async () => {
    const out = capture();
    const progress = renderApplyProgress({ changes: [spa], stdout: out.stream });
    progress.onEvent(events[0]!);
    progress.onEvent(events[3]!);
    await progress.finish({ done: [spa.address], failed: [], skipped: [] });
    expect(out.text()).toBe(
      '+ clients.My SPA … created (120 ms)\n\nApply complete: 1 created, 0 updated, 0 replaced, 0 deleted.\n',
    );
  });
});

describe('ink progress (TTY)', () => {
  it('draws the view, then unmounts and prints the report on finish', async () => {
    const out = capture();
    Object.assign(out.stream, { columns: 100, rows: 30 });
    const progress = renderApplyProgress({ changes: [spa], stdout: out.stream, interactive: true });
    progress.onEvent(events[0]!);
    progress.onEvent(events[3]!);
    await progress.finish({ done: [spa.address], failed: [], skipped: [] });
    expect(out.text()).toContain('+ clients.My SPA … created (120 ms)');
    expect(out.text()).toContain('Apply complete: 1 created, 0 updated, 0 replaced, 0 deleted.');
  });

  it('ends on its final frame: nothing left running above the report', async () => {
    const out = capture();
    Object.assign(out.stream, { columns: 100, rows: 30 });
    const progress = renderApplyProgress({ changes: [spa, api], stdout: out.stream, interactive: true });
    for (const e of [events[0]!, events[1]!, events[3]!]) progress.onEvent(e);
    // Give the first frames time to be drawn (one of them with 2 running).
    await new Promise((resolve) => setTimeout(resolve, 150));
    progress.onEvent({ type: 'done', address: api.address, change: api, ms: 40 });
    await progress.finish({ done: [spa.address, api.address], failed: [], skipped: [] });
    const counts =
      out.text().match(/\d+\/2 finished · \d+ done · \d+ failed · \d+ skipped · \d+ running/g) ?? [];
    expect(counts.at(-1)).toBe('2/2 finished · 2 done · 0 failed · 0 skipped · 0 running');
  });
});

describe('ink progress at scale', () => {
  it('draws frames at its own pace, a window of changes, and ends on the final frame', async () => {
    const changes = Array.from({ length: 200 }, (_, i) =>
      change(`clients.app-${String(i).padStart(3, '0')}`),
    );
    const stream = new PassThrough();
    const writes: string[] = [];
    stream.on('data', (chunk) => writes.push(String(chunk)));
    const out = Object.assign(stream, { columns: 100, rows: 30 }) as unknown as NodeJS.WriteStream;
    const progress = renderApplyProgress({ changes, stdout: out, interactive: true });
    for (const c of changes) {
      progress.onEvent({ type: 'start', address: c.address, change: c });
      progress.onEvent({ type: 'done', address: c.address, change: c, ms: 1 });
    }
    await progress.finish({ done: changes.map((c) => c.address), failed: [], skipped: [] });
    const text = writes.join('');
    // 400 events, yet a handful of frames: the first, the final one, and the report.
    expect(writes.length).toBeLessThan(10);
    expect(text).toContain('200/200 finished · 200 done · 0 failed · 0 skipped · 0 running');
    expect(text).toContain('+ clients.app-199 … created (1 ms)');
    expect(text).not.toContain('clients.app-100');
    expect(text.trimEnd().endsWith('Apply complete: 200 created, 0 updated, 0 replaced, 0 deleted.')).toBe(
      true,
    );
  });
});

describe('progress state and the ink frame', () => {
  it('keeps a window of the latest finished changes and counts the rest', () => {
    const changes = Array.from({ length: 12 }, (_, i) => change(`roles.r${i}`));
    const state = new ApplyProgressState(changes, () => 0);
    for (const c of changes.slice(0, 9)) {
      state.apply({ type: 'start', address: c.address, change: c });
      state.apply({ type: 'done', address: c.address, change: c, ms: 1 });
    }
    state.apply({ type: 'start', address: 'roles.r9', change: changes[9]! });
    const s = state.snapshot();
    expect(s.recent.map((c) => c.address)).toEqual([
      'roles.r4',
      'roles.r5',
      'roles.r6',
      'roles.r7',
      'roles.r8',
    ]);
    expect(s.running.map((c) => c.address)).toEqual(['roles.r9']);
    expect(s.counts).toEqual({ pending: 2, running: 1, done: 9, failed: 0, skipped: 0 });
    expect(s.total).toBe(12);
  });

  it('folds events into counts, running changes and a rate-limit notice that expires', () => {
    let t = 0;
    const state = new ApplyProgressState([spa, api, grant], () => t);
    for (const e of events.slice(0, 3)) state.apply(e);
    let s = state.snapshot();
    expect(s.running.map((c) => c.address)).toEqual([spa.address, api.address]);
    expect(s.rateLimitedUntil).toBe(1500);
    t = 2000;
    expect(state.snapshot().rateLimitedUntil).toBeUndefined();
    for (const e of events.slice(3)) state.apply(e);
    s = state.snapshot();
    expect(s.counts).toEqual({ pending: 0, running: 0, done: 1, failed: 1, skipped: 1 });
    expect(s.recent.map((c) => c.status)).toEqual(['done', 'failed', 'skipped']);
  });

  it('renders spinners for running changes, the wait notice and the counts', () => {
    const state = new ApplyProgressState([spa, api, grant], () => 0);
    for (const e of events.slice(0, 4)) state.apply(e);
    const frame = renderToString(<ApplyFrame snapshot={state.snapshot()} spinner="⠋" now={500} />);
    expect(frame).toContain('+ clients.My SPA … created (120 ms)');
    expect(frame).toContain('⠋ ~ resource_servers.api … updating');
    expect(frame).toContain('rate limit reached: waiting 1.0 s');
    expect(frame).toContain('1/3 finished · 1 done · 0 failed · 0 skipped · 1 running');
  });

  it('reports a complete apply by action', () => {
    expect(describeReport({ done: [spa.address, api.address], failed: [], skipped: [] }, [spa, api])).toEqual(
      ['Apply complete: 1 created, 1 updated, 0 replaced, 0 deleted.'],
    );
  });
});

describe('confirm', () => {
  async function ask(answer: string | null) {
    const input = new PassThrough();
    const out = capture();
    const result = confirm(undefined, { input, output: out.stream });
    if (answer === null) input.end();
    else input.write(`${answer}\n`);
    return { approved: await result, prompt: out.text() };
  }

  it("accepts only 'yes', with Terraform's wording", async () => {
    const yes = await ask('yes');
    expect(yes.approved).toBe(true);
    expect(yes.prompt).toBe(`${APPLY_QUESTION} `);
    expect((await ask('  yes ')).approved).toBe(true);
    expect((await ask('y')).approved).toBe(false);
    expect((await ask('YES please')).approved).toBe(false);
    expect((await ask('')).approved).toBe(false);
  });

  it('treats the end of input as a refusal', async () => {
    expect((await ask(null)).approved).toBe(false);
  });

  it('only prompts when both ends are terminals', () => {
    const ci = process.env.CI;
    delete process.env.CI;
    try {
      expect(canPrompt({ isTTY: true }, { isTTY: true })).toBe(true);
      expect(canPrompt({ isTTY: false }, { isTTY: true })).toBe(false);
      expect(canPrompt({}, { isTTY: true })).toBe(false);
    } finally {
      if (ci !== undefined) process.env.CI = ci;
    }
  });
});
