const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]));

/**
 * UTF-8 text as unpadded base64url, byte for byte what Node's `Buffer.toString('base64url')`
 * gives, without Node's Buffer: the core must also run in a browser.
 */
export function encodeBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/**
 * Decodes unpadded base64url to UTF-8 text; like Node's decoder it skips characters outside the
 * alphabet (a token's checksum has already vouched for it) and malformed UTF-8 becomes U+FFFD.
 */
export function decodeBase64Url(b64: string): string {
  const bytes: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const c of b64) {
    const v = VALUE.get(c);
    if (v === undefined) continue;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((acc >> bits) & 0xff);
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}
