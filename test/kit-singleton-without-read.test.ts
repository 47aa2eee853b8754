// A singleton the API cannot read (the FCM push providers) is managed only through the
// digests of its write-only fields: the kit refuses one that could not be compared.

import { describe, expect, it } from 'vitest';
import { compileSpec } from '../src/resources/kit/compile.ts';
import type { ResourceSpec } from '../src/resources/kit/spec.ts';

const SNS = '/guardian/factors/push-notification/providers/sns';
const FCM = '/guardian/factors/push-notification/providers/fcm';
const spec = (update: string, writeOnly: string[], extra: Partial<ResourceSpec> = {}) =>
  ({
    kind: 'singleton',
    type: 'unreadable_provider',
    description: 'A provider the API cannot read.',
    operations: { update },
    fields: { writeOnly },
    ...extra,
  }) as ResourceSpec;

describe('a singleton without a read', () => {
  it('compiles when every field its write takes is write-only', () => {
    expect(compileSpec(spec(`PUT ${FCM}`, ['server_key'])).section).toBe('singleton');
  });

  it('is refused with a field that is not write-only, naming it', () => {
    expect(() => compileSpec(spec(`PUT ${SNS}`, ['aws_secret_access_key']))).toThrow(
      /every field must be write-only; not: .*aws_region/,
    );
  });

  it('is refused with a create (nothing could tell whether it exists)', () => {
    const withCreate = spec(`PUT ${FCM}`, ['server_key'], {
      operations: { update: `PUT ${FCM}`, create: `PUT ${FCM}` },
    } as Partial<ResourceSpec>);
    expect(() => compileSpec(withCreate)).toThrow(/neither create, listed nor idField/);
  });
});
