// Every API operation a spec names, for the checks that hold specs to the API document
// (each exists, has a scope, reaches no placeholder schema).

import type { OperationName, ResourceSpec } from './spec.ts';

export function declaredOperations(spec: ResourceSpec): OperationName[] {
  const named: string[] = Object.values(spec.operations).filter((op): op is string => typeof op === 'string');
  for (const sub of spec.subResources ?? []) {
    named.push(sub.list);
    for (const value of Object.values(sub.write)) {
      if (typeof value === 'string' && value.includes(' /')) named.push(value);
    }
  }
  return [...new Set(named)];
}
