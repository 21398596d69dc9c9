import fc from 'fast-check';
import { decodeBase64Url, encodeBase64Url } from '../../src/_internal/base64url';

describe('base64url without Buffer', () => {
  it('encodes every string as Node does', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        (s) => encodeBase64Url(s) === Buffer.from(s, 'utf8').toString('base64url'),
      ),
    );
  });

  it('decodes what it encodes', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => decodeBase64Url(encodeBase64Url(s)) === s));
  });

  it('decodes a token body as Node does', () => {
    const body = 'rr|0|7|0.000001|1|1|3|1|10000000|512|-';
    const b64 = Buffer.from(body).toString('base64url');
    expect(decodeBase64Url(b64)).toBe(body);
    expect(encodeBase64Url('é|x')).toBe(Buffer.from('é|x').toString('base64url'));
  });
});
