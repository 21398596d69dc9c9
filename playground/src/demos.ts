import { DEMOS } from '../../src/cli/demo-catalog';

const sources = import.meta.glob<string>('../../demos/*.ts', { query: '?raw', import: 'default', eager: true });

/** A program the picker offers: a demo with its source, or the blank program. */
export interface DemoProgram {
  name: string;
  teaches: string;
  source: string;
}

export const BLANK: DemoProgram = {
  name: 'blank',
  teaches: 'a new program',
  source: `import { print, shared, Thread } from 'interleave-threads';

export default function* main() {
  const x = shared(0, 'x');
  function* worker() {
    yield* x.update((n) => n + 1);
  }
  const t = new Thread({ target: worker });
  t.start();
  yield* t.join();
  yield* print('x is', x.value);
  return x.value;
}
`,
};

/** The 19 demos in the CLI's order (read from demos/*.ts at build time), then the blank program. */
export const PROGRAMS: readonly DemoProgram[] = [
  ...DEMOS.map((d) => {
    const source = sources[`../../demos/${d.name}.ts`];
    if (source === undefined) throw new Error(`demos/${d.name}.ts is missing from the playground build`);
    return { name: d.name, teaches: d.teaches, source };
  }),
  BLANK,
];
