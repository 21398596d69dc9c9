import { Session } from 'node:inspector';
import { interleaveLostUpdate } from './exploration';
import type { Row } from './rows';

/** A node of V8's sampling heap profile: bytes sampled where it allocated, and its callees. */
interface ProfileNode {
  selfSize: number;
  children: ProfileNode[];
}

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => {
    session.post(method, params, (error, result) => (error !== null ? reject(error) : resolve(result as T)));
  });
}

function total(node: ProfileNode): number {
  let bytes = node.selfSize;
  for (const child of node.children) bytes += total(child);
  return bytes;
}

/**
 * Bytes allocated per run of the lost-update race under `explore` (of the closure form with
 * `closure`), counted by V8's sampling heap profiler with the objects the young and old
 * collections freed included: everything a run makes, not what survives it. Fine-grained
 * sampling (every 64 bytes on average) over many runs makes the figure steady to a few bytes.
 */
export async function bytesPerRun(closure: boolean, runs: number): Promise<number> {
  // Warm the JIT first: code that is not yet optimized allocates what optimized code does not.
  for (let i = 0; i < 100; i++) interleaveLostUpdate(1000, i, closure);
  const session = new Session();
  session.connect();
  try {
    await post(session, 'HeapProfiler.enable');
    await post(session, 'HeapProfiler.startSampling', {
      samplingInterval: 64,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    interleaveLostUpdate(runs, 1234, closure);
    const { profile } = await post<{ profile: { head: ProfileNode } }>(session, 'HeapProfiler.stopSampling');
    return total(profile.head) / runs;
  } finally {
    session.disconnect();
  }
}

/** One row: bytes allocated per exploration run, module-level task or closure. */
export async function allocationRow(closure: boolean, runs: number): Promise<Row> {
  const bytes = await bytesPerRun(closure, runs);
  return {
    group: 'allocation',
    name: `lost update under explore${closure ? ', task a closure' : ''}: bytes allocated per run`,
    figure: Math.round(bytes),
    unit: 'B',
    goal: null,
    low: null,
    high: null,
    detail: `V8 sampling heap profiler, collected objects included, ${runs.toLocaleString('en-US')} runs`,
    pass: null,
  };
}
