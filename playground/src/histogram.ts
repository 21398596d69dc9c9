const SVG = 'http://www.w3.org/2000/svg';

/** Draws the outcome histogram as horizontal SVG bars, the most frequent outcome first. */
export function drawHistogram(host: HTMLElement, outcomes: Record<string, number>, runs: number): void {
  host.replaceChildren();
  const rows = Object.entries(outcomes).sort((a, b) => b[1] - a[1]);
  const bar = 260;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('width', String(bar + 420));
  svg.setAttribute('height', String(rows.length * 22 + 4));
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `Outcome histogram of ${runs} runs`);
  rows.forEach(([key, count], i) => {
    const g = document.createElementNS(SVG, 'g');
    g.setAttribute('class', 'outcome');
    g.setAttribute('transform', `translate(0, ${i * 22})`);
    const r = document.createElementNS(SVG, 'rect');
    r.setAttribute('width', String(Math.max(2, (count / Math.max(1, runs)) * bar)));
    r.setAttribute('height', '16');
    r.setAttribute('y', '2');
    const t = document.createElementNS(SVG, 'text');
    t.setAttribute('x', String(bar + 8));
    t.setAttribute('y', '15');
    const shown = key.length > 70 ? `${key.slice(0, 70)}…` : key;
    t.textContent = `${count} × ${shown.replace(/\n/g, '⏎')}`;
    const title = document.createElementNS(SVG, 'title');
    title.textContent = `${count} of ${runs} runs: ${key}`;
    g.append(r, t, title);
    svg.appendChild(g);
  });
  host.appendChild(svg);
}
