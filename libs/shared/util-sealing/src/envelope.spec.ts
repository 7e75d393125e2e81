import fc from 'fast-check';
import { openEnvelope, sealEnvelope, sealedBytes, sealedKeyId, SealedValueUnreadableError, type EnvelopeFormat } from './envelope';
import { parseKeyRing, type KeyRingVariables } from './key-ring';

const VARIABLES: KeyRingVariables = { file: 'SPEC_KEK_FILE', current: 'SPEC_KEK_CURRENT', seals: 'spec values' };
const OLD = Buffer.alloc(32, 1).toString('base64');
const NEW = Buffer.alloc(32, 2).toString('base64');
const OTHER = Buffer.alloc(32, 3).toString('base64');
const ring = parseKeyRing(VARIABLES, `k-old:${OLD}\nk-new:${NEW}\n`, 'k-new');
const FORMAT: EnvelopeFormat = { magic: 'SPC1', what: 'spec value', boundTo: 'this spec position' };
const boundTo = (place: string) => (keyId: string) => Buffer.from(`${keyId}/${place}`);
const plaintext = Buffer.from('DOE                      JANE                123456789');

/** The typed error a call throws, with its reason. */
function unreadable(call: () => unknown): SealedValueUnreadableError {
  try {
    call();
  } catch (error) {
    if (error instanceof SealedValueUnreadableError) return error;
    throw error;
  }
  throw new Error('expected a SealedValueUnreadableError');
}

describe('envelope encryption', () => {
  it('round-trips any bytes under the current key, and names the key without opening', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.string({ maxLength: 20 }), (bytes, place) => {
        const sealed = sealEnvelope(FORMAT, ring.current, boundTo(place), Buffer.from(bytes));
        expect(sealed).toHaveLength(sealedBytes('k-new', bytes.length));
        expect(sealedKeyId(FORMAT, sealed)).toBe('k-new');
        expect(openEnvelope(FORMAT, ring, boundTo(place), sealed)).toEqual(Buffer.from(bytes));
      }),
    );
  });

  it('holds no byte run of the plaintext, and two seals of one value differ (a data key each)', () => {
    const a = sealEnvelope(FORMAT, ring.current, boundTo('p'), plaintext);
    const b = sealEnvelope(FORMAT, ring.current, boundTo('p'), plaintext);
    for (const canary of ['DOE', 'JANE', '123456789']) expect(a.includes(Buffer.from(canary))).toBe(false);
    expect(a.equals(b)).toBe(false);
  });

  it('a ring that kept the old key opens what it sealed (rotation)', () => {
    const before = sealEnvelope(FORMAT, parseKeyRing(VARIABLES, `k-old:${OLD}`).current, boundTo('p'), plaintext);
    expect(sealedKeyId(FORMAT, before)).toBe('k-old');
    expect(openEnvelope(FORMAT, ring, boundTo('p'), before)).toEqual(plaintext);
  });

  it('an unknown key id: key-unknown, naming the ring variable and the id', () => {
    const sealed = sealEnvelope(FORMAT, ring.current, boundTo('p'), plaintext);
    const error = unreadable(() => openEnvelope(FORMAT, parseKeyRing(VARIABLES, `k-old:${OLD}`), boundTo('p'), sealed));
    expect(error).toMatchObject({ reason: 'key-unknown', message: 'sealed under key k-new, which SPEC_KEK_FILE does not hold' });
  });

  it('the wrong key under the same id: tampered (it does not authenticate)', () => {
    const sealed = sealEnvelope(FORMAT, ring.current, boundTo('p'), plaintext);
    const impostor = parseKeyRing(VARIABLES, `k-new:${OTHER}`);
    expect(unreadable(() => openEnvelope(FORMAT, impostor, boundTo('p'), sealed)).reason).toBe('tampered');
  });

  it('any byte changed after the key id, a truncation, or another place: tampered', () => {
    const sealed = sealEnvelope(FORMAT, ring.current, boundTo('p'), plaintext);
    const header = 4 + 1 + 'k-new'.length;
    for (let i = header; i < sealed.length; i += 7) {
      const altered = Buffer.from(sealed);
      altered[i] ^= 0x40;
      expect(unreadable(() => openEnvelope(FORMAT, ring, boundTo('p'), altered)).reason).toBe('tampered');
    }
    expect(unreadable(() => openEnvelope(FORMAT, ring, boundTo('p'), sealed.subarray(0, header + 20))).message).toBe('the sealed value is truncated');
    expect(unreadable(() => openEnvelope(FORMAT, ring, boundTo('q'), sealed))).toMatchObject({ reason: 'tampered', message: 'the sealed value does not authenticate for this spec position' });
  });

  it('another format, plain bytes or nothing: not-sealed', () => {
    const sealed = sealEnvelope(FORMAT, ring.current, boundTo('p'), plaintext);
    const other: EnvelopeFormat = { ...FORMAT, magic: 'OTH1' };
    expect(unreadable(() => openEnvelope(other, ring, boundTo('p'), sealed))).toMatchObject({ reason: 'not-sealed', message: 'the value is not a sealed spec value (OTH1)' });
    expect(unreadable(() => openEnvelope(FORMAT, ring, boundTo('p'), plaintext)).reason).toBe('not-sealed');
    expect(unreadable(() => openEnvelope(FORMAT, ring, boundTo('p'), null)).reason).toBe('not-sealed');
    expect(sealedKeyId(FORMAT, plaintext)).toBeUndefined();
  });
});
