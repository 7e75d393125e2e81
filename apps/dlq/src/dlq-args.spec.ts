import { TOPICS } from '@furnish/shared-contracts';
import { DlqUsageError, parseDlqArgs } from './dlq-args';

describe('parseDlqArgs', () => {
  it('parses list, show and redrive', () => {
    expect(parseDlqArgs(['list'])).toEqual({ command: 'list', stages: ['consent-ledger', 'consent-filter', 'minimiser', 'bureau-formatter'], json: false });
    expect(parseDlqArgs(['list', '--stage', 'minimiser', '--json'])).toEqual({ command: 'list', stages: ['minimiser'], json: true });
    expect(parseDlqArgs(['show', 'consent-filter:0:12', '--operator', 'alice'])).toEqual({
      command: 'show',
      address: { stage: 'consent-filter', topic: TOPICS.deadLetter['consent-filter'], partition: 0, offset: '12' },
      operator: 'alice',
    });
    expect(parseDlqArgs(['redrive', 'minimiser:0:7', '--operator', 'bob', '--to', TOPICS.consentedLoanEvents, '--key', 'ACC1', '--again'])).toEqual({
      command: 'redrive',
      address: { stage: 'minimiser', topic: TOPICS.deadLetter.minimiser, partition: 0, offset: '7' },
      operator: 'bob',
      to: TOPICS.consentedLoanEvents,
      key: 'ACC1',
      again: true,
    });
  });

  it('leaves the operator check to the command, so a missing one is refused with the audit reason', () => {
    expect(parseDlqArgs(['show', 'consent-filter:0:12'])).toMatchObject({ operator: undefined });
  });

  it.each([
    [[], 'name a command'],
    [['purge'], 'unknown command purge'],
    [['list', '--stage', 'formatter'], '--stage must be one of consent-ledger, consent-filter, minimiser, bureau-formatter'],
    [['show'], 'show takes one dead letter, <stage>:<partition>:<offset>'],
    [['show', 'consent-filter:0'], 'is not a dead letter: write <stage>:<partition>:<offset>'],
    [['show', 'auditor:0:1'], 'is not a dead letter'],
    [['show', 'consent-filter:0:1', '--to', 'x'], 'show does not take --to'],
    [['redrive', 'consent-filter:0:1', '--operator'], "Option '--operator <value>' argument missing"],
    [['redrive', 'consent-filter:0:1', '--operator', '--again'], "Option '--operator' argument is ambiguous"],
    [['list', '--force'], "Unknown option '--force'"],
  ])('refuses %j, saying why', (argv, problem) => {
    expect(() => parseDlqArgs(argv)).toThrow(DlqUsageError);
    expect(() => parseDlqArgs(argv)).toThrow(problem);
  });
});
