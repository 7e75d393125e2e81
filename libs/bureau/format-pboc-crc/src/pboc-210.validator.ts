import { runRules, uniqueViolations, type Violation } from '@furnish/bureau-domain';
import type { Pboc210Record } from './layouts/pboc-210.model';
import { validatePboc210Fields } from './pboc-210.field-validator';
import { readPboc210 } from './pboc-210.reader';
import { PBOC_210_RULES, type Pboc210Context } from './pboc-210.rules';
import { validatePboc210Segments } from './pboc-210.segment-validator';

/** Every violation of a 210 record model: elements, segments, then the cross-field rules. */
export function validatePboc210Model(record: Pboc210Record, context: Pboc210Context = {}, pathPrefix = ''): Violation[] {
  const local = [...validatePboc210Fields(record), ...validatePboc210Segments(record)];
  const skipPaths = new Set(local.map((v) => v.path));
  const all = [...local, ...runRules(PBOC_210_RULES, record, context, { pathOf: (field) => field, skipPaths })];
  return pathPrefix === '' ? all : all.map((v) => ({ ...v, path: `${pathPrefix}.${v.path}` }));
}

/** Every violation of one 210 record line as written: XML structure, then the model checks. */
export function validatePboc210(line: string, context: Pboc210Context = {}, pathPrefix = ''): Violation[] {
  const { record, violations } = readPboc210(line);
  const structural = pathPrefix === '' ? violations : violations.map((v) => ({ ...v, path: `${pathPrefix}.${v.path}` }));
  return uniqueViolations(record ? [...structural, ...validatePboc210Model(record, context, pathPrefix)] : structural);
}
