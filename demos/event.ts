// Signalling with an Event: a traffic light stays red for 3 s, then sets the Event; cars wait
// on it. Look for: every car waits from the start and passes only after the light turns green
// at 3.0 s; a car that comes after the Event is set does not wait at all (tutorial 3.3).
import { Event, print, sleep, Thread, time } from 'interleave-threads';

export default function* main() {
  const green = new Event({ name: 'green light' });
  function* light() {
    yield* print(`${time().toFixed(3)} red light is on`);
    yield* sleep(3);
    yield* print(`${time().toFixed(3)} the light turns green`);
    green.set();
  }
  function* car(name: number) {
    yield* print(`${time().toFixed(3)} car ${name} waits for the green light`);
    yield* green.wait(); // blocks while the event is not set
    yield* print(`${time().toFixed(3)} car ${name} passes`);
  }
  new Thread({ target: light, name: 'light' }).start();
  for (const n of [1, 2]) new Thread({ target: car, args: [n], name: `car-${n}` }).start();
  yield* sleep(4);
  new Thread({ target: car, args: [3], name: 'car-3' }).start(); // the light is already green
}
