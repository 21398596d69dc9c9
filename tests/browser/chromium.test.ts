import { browserTestPlan, findChromium } from './helpers/chromium';

describe('finding a Chromium for the browser tests', () => {
  it('takes CHROMIUM_PATH first, then the system paths, and null when none exists', () => {
    expect(findChromium({ CHROMIUM_PATH: process.execPath }, ['/nonexistent/chromium'])).toBe(process.execPath);
    expect(findChromium({}, ['/nonexistent/chromium', process.execPath])).toBe(process.execPath);
    expect(findChromium({ CHROMIUM_PATH: '/nonexistent/a' }, ['/nonexistent/b'])).toBeNull();
  });

  it('skips without a browser, and fails instead when INTERLEAVE_REQUIRE_BROWSER=1', () => {
    expect(browserTestPlan('/usr/bin/chromium', {})).toBe('run');
    expect(browserTestPlan(null, {})).toBe('skip');
    expect(browserTestPlan(null, { INTERLEAVE_REQUIRE_BROWSER: '1' })).toBe('fail');
    expect(browserTestPlan('/usr/bin/chromium', { INTERLEAVE_REQUIRE_BROWSER: '1' })).toBe('run');
  });
});
