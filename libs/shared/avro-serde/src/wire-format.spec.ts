import fc from 'fast-check';
import { WireFormatError } from './errors';
import { frame, unframe } from './wire-format';

describe('Confluent wire format', () => {
  it('round-trips any schema id and body', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.uint8Array(), (id, bytes) => {
        const framed = frame(id, Buffer.from(bytes));
        expect(framed[0]).toBe(0);
        const { schemaId, body } = unframe(framed);
        expect(schemaId).toBe(id);
        expect(Buffer.compare(body, Buffer.from(bytes))).toBe(0);
      }),
    );
  });

  it.each([
    ['a tombstone', null, 'tombstone'],
    ['a short message', Buffer.from([0, 0, 1]), 'shorter than the 5-byte'],
    ['a JSON message', Buffer.from('{"eventId":"x"}'), 'unknown magic byte 123'],
  ])('rejects %s with a specific reason', (_name, message, reason) => {
    expect(() => unframe(message)).toThrow(WireFormatError);
    expect(() => unframe(message)).toThrow(reason);
  });
});
