import { replay, run } from 'interleave-threads';
import { decodeToken } from '../../src/scheduler/schedule-token';

function* main(): Generator<unknown, number, unknown> {
  yield;
  return 1;
}

describe('RunOptions.program in schedule tokens', () => {
  it('is carried by the token and kept by its replay', () => {
    const r = run(main, { program: 'demo-x' });
    expect(decodeToken(r.schedule).program).toBe('demo-x');
    expect(replay(main, r.schedule).schedule).toBe(r.schedule);
  });

  it('leaves tokens of runs that name no program as they were', () => {
    const r = run(main);
    expect(decodeToken(r.schedule).program).toBeUndefined();
    expect(Buffer.from(r.schedule.split('.')[1]!, 'base64url').toString().split('|')).toHaveLength(11);
  });

  it('must be a non-empty string', () => {
    expect(() => run(main, { program: '' })).toThrow("option 'program' must be a non-empty string");
  });
});
