/** `npm run test:soak` sets INTERLEAVE_SOAK=1: the same suites with far larger budgets. */
export const SOAK = process.env.INTERLEAVE_SOAK === '1';
