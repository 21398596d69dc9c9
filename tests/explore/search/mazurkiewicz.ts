/**
 * An independent count of Mazurkiewicz traces for tiny straight-line models, by brute force:
 * every maximal interleaving (a lock can be taken only when free; a run may end in deadlock) is
 * canonicalised as the order it gives each pair of dependent steps (same thread; same lock; same
 * cell with a write), and the distinct canonical forms are counted.
 */
export type Step = { acquire: string } | { release: string } | { read: string } | { write: string };

function objectOf(s: Step): string {
  if ('acquire' in s) return `lock:${s.acquire}`;
  if ('release' in s) return `lock:${s.release}`;
  return `cell:${'read' in s ? s.read : s.write}`;
}

function dependent(a: Step, b: Step): boolean {
  if (objectOf(a) !== objectOf(b)) return false;
  return !('read' in a && 'read' in b);
}

/** The number of Mazurkiewicz traces of the maximal runs of `threads`. */
export function countTraces(threads: readonly (readonly Step[])[]): number {
  const forms = new Set<string>();
  const at = threads.map(() => 0);
  const held = new Set<string>();
  const run: [number, number][] = [];
  const walk = (): void => {
    let moved = false;
    for (let t = 0; t < threads.length; t++) {
      const s = threads[t]![at[t]!];
      if (s === undefined || ('acquire' in s && held.has(s.acquire))) continue;
      moved = true;
      if ('acquire' in s) held.add(s.acquire);
      if ('release' in s) held.delete(s.release);
      at[t]!++;
      run.push([t, at[t]! - 1]);
      walk();
      run.pop();
      at[t]!--;
      if ('acquire' in s) held.delete(s.acquire);
      if ('release' in s) held.add(s.release);
    }
    if (!moved) forms.add(canonical(threads, run));
  };
  walk();
  return forms.size;
}

function canonical(threads: readonly (readonly Step[])[], run: readonly [number, number][]): string {
  const pairs: string[] = [];
  for (let i = 0; i < run.length; i++) {
    for (let j = i + 1; j < run.length; j++) {
      const [ta, ia] = run[i]!;
      const [tb, ib] = run[j]!;
      if (ta !== tb && dependent(threads[ta]![ia]!, threads[tb]![ib]!)) pairs.push(`${ta}.${ia}<${tb}.${ib}`);
    }
  }
  // A run that stopped early (deadlock) differs from one that went on: the steps made count too.
  return `${run.length}|${pairs.sort().join(',')}`;
}
