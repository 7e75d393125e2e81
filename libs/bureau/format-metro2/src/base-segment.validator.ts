import { runRules, uniqueViolations, type Violation } from '@furnish/bureau-domain';
import { joinPath, readFixedWidth, validateFixedWidth } from '@furnish/shared-util-fixed-width';
import { BASE_SEGMENT_LAYOUT, type Metro2BaseSegment } from './layouts/base-segment.layout';
import { BASE_SEGMENT_RULES, type BaseField, type Metro2RecordContext } from './base-segment.rules';

export const BASE_PATH = 'base';

/** Every violation of a Base segment model: field checks of the layout, then the cross-field rules. */
export function validateBaseSegmentModel(segment: Metro2BaseSegment, context: Metro2RecordContext = {}, pathPrefix = BASE_PATH): Violation[] {
  const fieldViolations = validateFixedWidth(BASE_SEGMENT_LAYOUT, segment, { pathPrefix });
  return [...fieldViolations, ...rulesOf(segment, context, pathPrefix, new Set(fieldViolations.map((v) => v.path)))];
}

/** Every violation of one 426-character Base segment as written: structure, fields, rules. */
export function validateBaseSegment(text: string, context: Metro2RecordContext = {}, pathPrefix = BASE_PATH): Violation[] {
  const { record, violations, invalidPaths } = readFixedWidth(BASE_SEGMENT_LAYOUT, text, pathPrefix);
  return uniqueViolations([...violations, ...rulesOf(record, context, pathPrefix, invalidPaths)]);
}

function rulesOf(segment: Metro2BaseSegment, context: Metro2RecordContext, pathPrefix: string, skipPaths: ReadonlySet<string>): Violation[] {
  return runRules(BASE_SEGMENT_RULES, segment, context, { pathOf: (field: BaseField) => joinPath(pathPrefix, field), skipPaths });
}
