import { seriesSelectors } from './promql-selectors';

describe('seriesSelectors', () => {
  it('finds bare and matched selectors, skipping functions, grouping labels, ranges and numbers', () => {
    expect(seriesSelectors('sum by (stage) (rate(furnish_stage_dead_letters_total[5m])) / sum by (stage) (rate(furnish_stage_records_consumed_total[5m])) > 0.01')).toEqual([
      'furnish_stage_dead_letters_total',
      'furnish_stage_records_consumed_total',
    ]);
  });

  it('keeps matchers, including strings with braces and regex escapes', () => {
    expect(seriesSelectors('1 - sum(rate(x_bucket{le="1", a=~"b\\\\.c}"}[1h])) + on () group_left () max(y{stage=~"a|b"}) * 14.4e0')).toEqual(['x_bucket{le="1", a=~"b\\\\.c}"}', 'y{stage=~"a|b"}']);
  });

  it('skips label_replace strings and binary keywords; finds recording rules with colons', () => {
    expect(seriesSelectors('label_replace(furnish:a:max, "bureau", "$1", "topic", "furnish\\\\.minimised\\\\.(.+)") and on (job) deriv(b[10m]) > 0.9 or c unless bool d offset 5m')).toEqual([
      'furnish:a:max',
      'b',
      'c',
      'd',
    ]);
  });
});
