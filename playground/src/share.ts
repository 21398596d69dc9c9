import type { PageRunOptions } from './worker/protocol';

/** What a Share link holds: the program, the page's options, and the run's token. */
export interface Shared {
  source: string;
  options: PageRunOptions;
  token: string;
  demo: string;
}

/** UTF-8 to base64url, in the page (no Buffer here). */
function toBase64Url(text: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(b64: string): string {
  const bin = atob(b64.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** The fragment (`#run=...`) of a Share link; nothing leaves the page: fragments are not sent to servers. */
export function shareFragment(s: Shared): string {
  return `#run=${toBase64Url(JSON.stringify(s))}`;
}

/** Reads a Share fragment, or null when the URL has none (or a damaged one). */
export function readShareFragment(hash: string): Shared | null {
  const m = /^#run=([A-Za-z0-9_-]+)$/.exec(hash);
  if (m === null) return null;
  try {
    const s = JSON.parse(fromBase64Url(m[1]!)) as Shared;
    return typeof s.source === 'string' && typeof s.token === 'string' ? s : null;
  } catch {
    return null;
  }
}
