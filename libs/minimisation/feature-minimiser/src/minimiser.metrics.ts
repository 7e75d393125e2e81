import { Counter, type Registry } from 'prom-client';
import { BUREAUS, type Bureau } from '@furnish/shared-contracts';
import type { FieldProblem } from '@furnish/minimisation-domain';

export const MINIMISER_METRICS = {
  records: 'furnish_minimiser_records_total',
  fieldProblems: 'furnish_minimiser_field_problems_total',
} as const;

/**
 * Minimisation outcomes per bureau, and the fields behind rejections and withheld values. Labels
 * are bureaus, outcomes and policy field paths: closed sets, never record content.
 */
export class MinimiserMetrics {
  private readonly records: Counter<'bureau' | 'outcome'>;
  private readonly fieldProblems: Counter<'bureau' | 'field' | 'problem' | 'handling'>;

  constructor(registry: Registry) {
    this.records = new Counter({
      name: MINIMISER_METRICS.records,
      help: 'Consented records minimised for a bureau, rejected by its policy (missing or malformed required field), or not sent (an event type the policy does not send).',
      labelNames: ['bureau', 'outcome'],
      registers: [registry],
    });
    this.fieldProblems = new Counter({
      name: MINIMISER_METRICS.fieldProblems,
      help: 'Fields found missing or malformed by a minimisation policy: the record was rejected, or the optional value withheld.',
      labelNames: ['bureau', 'field', 'problem', 'handling'],
      registers: [registry],
    });
    for (const bureau of BUREAUS) for (const outcome of ['minimised', 'rejected', 'not_sent']) this.records.inc({ bureau, outcome }, 0);
  }

  minimised(bureau: Bureau, withheld: readonly string[]): void {
    this.records.inc({ bureau, outcome: 'minimised' });
    for (const field of withheld) this.fieldProblems.inc({ bureau, field, problem: 'malformed', handling: 'withheld' });
  }

  notSent(bureau: Bureau): void {
    this.records.inc({ bureau, outcome: 'not_sent' });
  }

  rejected(bureau: Bureau, problems: readonly FieldProblem[]): void {
    this.records.inc({ bureau, outcome: 'rejected' });
    for (const { path, problem } of problems) this.fieldProblems.inc({ bureau, field: path, problem, handling: 'rejected' });
  }
}
