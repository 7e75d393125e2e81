import { PassThrough } from 'node:stream';
import { generateSyntheticMonth } from '../synthetic-month.generator';
import { writeExpectations } from './expectations.writer';

describe('writeExpectations', () => {
  it('writes one decision per loan event and bureau, naming the consent or the reason', async () => {
    const month = generateSyntheticMonth({ borrowers: 40, seed: 'expectations', month: '2026-10' });
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    const lines = await writeExpectations(month, out);
    const rows = text.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(rows).toHaveLength(lines);
    expect(lines).toBe(month.loanEvents.length * 3);
    for (const row of rows) {
      const expected = month.expectedDecisions.get(row.eventId)![row.bureau as 'pboc-crc'];
      expect(row.released).toBe(expected.released);
      if (expected.released) expect([row.consentId, row.consentVersion]).toEqual([expected.consent.consentId, expected.consent.version]);
      else expect(row.reason).toBe(expected.reason);
    }
  });
});
