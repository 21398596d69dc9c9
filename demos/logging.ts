// Logging from threads (tutorial 1.5): five threads log "hello" and five a ZeroDivisionError,
// all at 1.0 s. Look for: every record is one whole line, though a switch may come at any step,
// because the logger holds its own lock while writing, as Python's logging handlers do.
import { currentThread, print, RLock, sleep, Thread, time, withLock } from 'interleave-threads';

/** A switch may come at every step: without the logger's lock, lines would run together. */
export const options = { switchInterval: 1 };

/** Python's ZeroDivisionError; JavaScript's 1 / 0 is Infinity, so the demo raises its own. */
class ZeroDivisionError extends Error {
  override name = 'ZeroDivisionError';
}

function divide(a: number, b: number): number {
  if (b === 0) throw new ZeroDivisionError('division by zero');
  return a / b;
}

/** A tiny logging module: one handler lock per logger, so a record is printed whole. */
function getLogger() {
  const handlerLock = new RLock({ name: 'logging handler' });
  return function* log(level: string, message: string) {
    yield* withLock(handlerLock, function* () {
      yield* print(`${time().toFixed(3)} logging.ts ${currentThread().name} ${level} ${message}`);
    });
  };
}

type Log = ReturnType<typeof getLogger>;

function* f1(log: Log) {
  yield* sleep(1);
  try {
    const x = divide(1, 1);
    yield* log('INFO', `hello (x = ${x})`);
    return 'hello';
  } catch (e) {
    return yield* log('ERROR', String(e));
  }
}

function* f2(log: Log) {
  yield* sleep(1);
  try {
    const x = divide(1, 0);
    yield* log('INFO', `world (x = ${x})`);
    return 'world';
  } catch (e) {
    return yield* log('ERROR', String(e)); // String(e) is "ZeroDivisionError: division by zero"
  }
}

export default function* main() {
  const log = getLogger();
  const beg = time();
  const task = [1, 2, 3, 4, 5].flatMap(() => [
    new Thread({ target: f1, args: [log] }),
    new Thread({ target: f2, args: [log] }),
  ]);
  for (const t of task) t.start();
  for (const t of task) yield* t.join();
  yield* print((time() - beg).toFixed(3));
}
