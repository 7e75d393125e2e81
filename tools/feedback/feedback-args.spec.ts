import { FeedbackUsageError, parseFeedbackArgs } from './feedback-args';

describe('parseFeedbackArgs', () => {
  it('reads the three commands', () => {
    expect(parseFeedbackArgs(['import', 'in/f.txt', '--operator', 'ops.li'])).toEqual({ command: 'import', file: 'in/f.txt', operator: 'ops.li' });
    expect(parseFeedbackArgs(['rejected', '--bureau', 'metro2', '--json'])).toEqual({ command: 'rejected', bureau: 'metro2', json: true });
    expect(parseFeedbackArgs(['rejected'])).toEqual({ command: 'rejected', bureau: undefined, json: false });
    expect(parseFeedbackArgs(['resent', '--operator', 'ops.li'])).toEqual({ command: 'resent', operator: 'ops.li', bureau: undefined });
  });

  it.each([
    [[], /name a command/],
    [['import', 'f.txt'], /--operator <id> is required/],
    [['import', 'f.txt', '--operator', 'Li Wei'], /--operator <id> is required/],
    [['import', '--operator', 'ops'], /one file/],
    [['rejected', '--bureau', 'equifax'], /--bureau must be one of/],
    [['rejected', '--operator', 'ops'], /does not take --operator/],
    [['resent', 'f.txt', '--operator', 'ops'], /takes no file/],
    [['redrive'], /unknown command/],
    [['import', 'f.txt', '--force'], /Unknown option '--force'/],
  ])('refuses %j with a usage error that says why', (argv, message) => {
    expect(() => parseFeedbackArgs(argv)).toThrow(FeedbackUsageError);
    expect(() => parseFeedbackArgs(argv)).toThrow(message);
  });
});
