import type { Operation } from '../operation';

export interface OperationMatch<Op> {
  operation: Op;
  /** Its path parameters by name, as sent: still %-encoded. */
  params: [string, string][];
}

/**
 * Which operation a request's URL names, found as the router will find it but before it does, for
 * the checks that run ahead of every route (URL parts, the body's time allowance).
 */
export function operationMatcher<Op extends Pick<Operation, 'method' | 'path'>>(operations: readonly Op[]): (method: string, url: string) => OperationMatch<Op> | undefined {
  const templates = operations.map((operation) => ({ operation, method: operation.method.toUpperCase(), segments: operation.path.split('/') }));
  return (method, url) => {
    const wanted = method === 'HEAD' ? 'GET' : method;
    const segments = url.split('?')[0].replace(/(.)\/$/, '$1').split('/');
    for (const t of templates) {
      if (t.method !== wanted || t.segments.length !== segments.length) continue;
      const params: [string, string][] = [];
      const matches = t.segments.every((s, i) => {
        const name = /^\{(\w+)\}$/.exec(s)?.[1];
        if (name) params.push([name, segments[i]]);
        return name !== undefined || s === segments[i];
      });
      if (matches) return { operation: t.operation, params };
    }
    return undefined;
  };
}
