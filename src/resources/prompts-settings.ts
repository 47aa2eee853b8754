// Settings of the Universal Login prompts (experience, identifier first, WebAuthn first).
// A PATCH of branding resets them (auth0-deploy-cli re-applies them after it), so every
// change of them waits for every change of branding.

import type { ResourceSpec } from './kit/spec.ts';

export const promptsSettings: ResourceSpec = {
  kind: 'singleton',
  type: 'prompts',
  description: 'Universal Login prompts settings: experience, identifier first, biometrics first.',
  operations: { read: 'GET /prompts', update: 'PATCH /prompts' },
  dependsOn: ['branding'],
  resetBy: ['branding'],
};
