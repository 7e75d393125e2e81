import { outboundRecordId } from './record-id';

describe('outboundRecordId', () => {
  const eventId = '0b9c2f4e-6a1d-4c8b-9e3f-2d7a5b1c8e60';

  it('is deterministic, 32 hex digits (a valid Baihang reqID)', () => {
    expect(outboundRecordId(eventId, 'baihang', 'BAIHANG_D3')).toBe(outboundRecordId(eventId, 'baihang', 'BAIHANG_D3'));
    expect(outboundRecordId(eventId, 'baihang', 'BAIHANG_D3')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('differs per event, bureau and record kind', () => {
    const ids = new Set([
      outboundRecordId(eventId, 'baihang', 'BAIHANG_D2'),
      outboundRecordId(eventId, 'baihang', 'BAIHANG_D3'),
      outboundRecordId(eventId, 'pboc-crc', 'PBOC_210'),
      outboundRecordId('1b9c2f4e-6a1d-4c8b-9e3f-2d7a5b1c8e60', 'pboc-crc', 'PBOC_210'),
    ]);
    expect(ids.size).toBe(4);
  });
});
