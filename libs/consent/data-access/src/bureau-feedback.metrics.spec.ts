import { Registry } from 'prom-client';
import { BureauFeedbackMetrics } from './bureau-feedback.metrics';

describe('BureauFeedbackMetrics', () => {
  it('exposes the audit totals as counters, every (bureau, state) from start-up, and keeps them when the database is away', async () => {
    let states = [{ bureau: 'pboc-crc', state: 'REJECTED' as const, count: 2 }];
    let codes = [
      { bureau: 'pboc-crc', code: 'BLE015', count: 1 },
      { bureau: 'pboc-crc', code: 'other', count: 1 },
    ];
    let down = false;
    const registry = new Registry();
    new BureauFeedbackMetrics(registry, {
      countsByBureauState: async () => (down ? Promise.reject(new Error('down')) : states),
      rejectionsByBureauCode: async () => (down ? Promise.reject(new Error('down')) : codes),
    });
    let text = await registry.metrics();
    expect(text).toContain('furnish_bureau_feedback_records_total{bureau="pboc-crc",state="REJECTED"} 2');
    expect(text).toContain('furnish_bureau_feedback_records_total{bureau="metro2",state="ACCEPTED"} 0');
    expect(text).toContain('furnish_bureau_feedback_rejections_total{bureau="pboc-crc",code="BLE015"} 1');
    expect(text).toContain('furnish_bureau_feedback_rejections_total{bureau="pboc-crc",code="other"} 1');

    states = [{ bureau: 'pboc-crc', state: 'REJECTED', count: 5 }];
    codes = [{ bureau: 'pboc-crc', code: 'BLE015', count: 4 }];
    text = await registry.metrics();
    expect(text).toContain('furnish_bureau_feedback_records_total{bureau="pboc-crc",state="REJECTED"} 5');
    expect(text).toContain('furnish_bureau_feedback_rejections_total{bureau="pboc-crc",code="BLE015"} 4');

    down = true;
    text = await registry.metrics();
    expect(text).toContain('furnish_bureau_feedback_records_total{bureau="pboc-crc",state="REJECTED"} 5');
  });
});
