/** How to ask for one of `n` numbered choices: `1`, `1 or 2`, `a number from 1 to 5`. */
export function numberChoice(n: number): string {
  if (n <= 1) return '1';
  if (n === 2) return '1 or 2';
  return `a number from 1 to ${n}`;
}
