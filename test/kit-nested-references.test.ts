// References at any depth of a JSON tree (`**.flow_id`): the form's FLOW nodes and its
// ending both name flows. Names become ids for the API, ids names for config, and the
// planner sees every reference, with its path.

import { describe, expect, it } from 'vitest';
import type { ConfigObject } from '../src/core/json.ts';
import type { RefResolver } from '../src/resources/contract.ts';
import { compileRefs, idsToNames, namesToIds, referencesOf } from '../src/resources/kit/references.ts';

const ids: Record<string, string> = { 'Register consent': 'af_1', 'Send receipt': 'af_2' };
const resolver: RefResolver = {
  idOf: (type, key) => {
    if (type !== 'flows' || !ids[key]) throw new Error(`no ${type} named ${key}`);
    return ids[key]!;
  },
  keyOf: (type, id) => (type === 'flows' ? Object.keys(ids).find((k) => ids[k] === id) : undefined),
};
const refs = compileRefs('forms', [{ path: '**.flow_id', type: 'flows' }]);

const form = (first: string, second: string, unknown = 'af_unknown'): ConfigObject => ({
  name: 'Consent',
  nodes: [
    { id: 'step', type: 'STEP', config: { components: [], next_node: 'run' } },
    { id: 'run', type: 'FLOW', config: { flow_id: first, next_node: '$ending' } },
    { id: 'other', type: 'FLOW', config: { flow_id: unknown } },
  ],
  ending: { after_submit: { flow_id: second }, resume_flow: true },
});

describe('references at any depth', () => {
  it('names become ids on write, wherever they are', () => {
    const body = form('Register consent', 'Send receipt', 'Register consent');
    namesToIds(body, refs, resolver);
    expect(body).toEqual(form('af_1', 'af_2', 'af_1'));
  });

  it('ids become names on read; an id of no known flow stays as it is', () => {
    const config = form('af_1', 'af_2');
    idsToNames(config, refs, resolver);
    expect(config).toEqual(form('Register consent', 'Send receipt'));
  });

  it('every reference is found with its path, so the planner orders the flows first', () => {
    expect(referencesOf(form('Register consent', 'Send receipt', 'Register consent'), refs)).toEqual([
      { type: 'flows', key: 'Register consent', path: 'nodes.1.config.flow_id' },
      { type: 'flows', key: 'Register consent', path: 'nodes.2.config.flow_id' },
      { type: 'flows', key: 'Send receipt', path: 'ending.after_submit.flow_id' },
    ]);
  });
});
