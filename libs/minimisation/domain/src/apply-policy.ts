import { describeFieldProblem, type FieldProblem } from './errors';
import type { CompiledPolicy, LeafNode, RecordShape } from './compiled-policy';
import type { MinimiserInput } from './minimiser-input';
import { normalise, type Normalised } from './normalisers';

export type Applied =
  | {
      readonly ok: true;
      /** Only the released fields, normalised: the bureau's minimised record. */
      readonly value: Record<string, unknown>;
      /** Optional fields dropped because they were malformed (paths only). */
      readonly withheld: readonly string[];
    }
  | { readonly ok: false; readonly problems: readonly FieldProblem[] };

interface Walk {
  readonly input: MinimiserInput;
  readonly problems: FieldProblem[];
  readonly withheld: Set<string>;
}

/**
 * Builds the minimised record by walking the policy, not the input: the output can hold only
 * fields the policy names, so whatever else the input carries — consumption details, or fields a
 * newer schema adds — is never read, let alone copied.
 */
export function applyPolicy(compiled: CompiledPolicy, input: MinimiserInput): Applied {
  const walk: Walk = { input, problems: [], withheld: new Set() };
  const value = applyShape(compiled.root, input, walk);
  for (const rule of compiled.oneOf) {
    if (rule.paths.every((path) => isBlank(valueAt(value, path)))) walk.problems.push({ path: `one of ${rule.paths.join(', ')}`, problem: 'missing' });
  }
  if (walk.problems.length > 0) return { ok: false, problems: dedupe(walk.problems) };
  return { ok: true, value, withheld: [...walk.withheld] };
}

function applyShape(shape: RecordShape, source: unknown, walk: Walk): Record<string, unknown> {
  const record = (source ?? {}) as Readonly<Record<string, unknown>>;
  const out: Record<string, unknown> = {};
  for (const node of shape) {
    const raw = record[node.name];
    switch (node.kind) {
      case 'leaf':
        out[node.name] = leafValue(node, raw, walk);
        break;
      case 'record':
        if (raw === null || raw === undefined) {
          if (!node.nullable) walk.problems.push({ path: node.path, problem: 'missing' });
          out[node.name] = null;
        } else {
          out[node.name] = applyShape(node.fields, raw, walk);
        }
        break;
      case 'records':
        if (Array.isArray(raw)) out[node.name] = raw.map((item) => applyShape(node.fields, item, walk));
        else out[node.name] = node.nullable ? null : [];
        break;
    }
  }
  return out;
}

function leafValue(node: LeafNode, raw: unknown, walk: Walk): unknown {
  const outcome = normalised(node, raw, walk.input);
  switch (outcome.kind) {
    case 'value':
      return outcome.value;
    case 'absent':
      if (node.rule.required || node.mustHaveValue) walk.problems.push({ path: node.path, problem: 'missing' });
      return node.absentValue;
    case 'malformed':
      if (node.rule.required) walk.problems.push({ path: node.path, problem: 'malformed', expected: outcome.expected });
      else walk.withheld.add(node.path);
      return node.absentValue;
  }
}

type LeafOutcome = Normalised | { readonly kind: 'value'; readonly value: unknown };

function normalised(node: LeafNode, raw: unknown, input: MinimiserInput): LeafOutcome {
  if (raw === null || raw === undefined) return { kind: 'absent' };
  if (typeof raw === 'string') {
    if (node.rule.normalise) return normalise(node.rule.normalise, raw, input);
    return raw.trim() === '' ? { kind: 'absent' } : { kind: 'value', value: raw };
  }
  return { kind: 'value', value: Array.isArray(raw) ? [...raw] : raw };
}

const isBlank = (value: unknown): boolean => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

/** The value at a dotted path of plain records (oneOf paths do not cross arrays). */
function valueAt(record: Readonly<Record<string, unknown>>, path: string): unknown {
  return path.split('.').reduce<unknown>((current, name) => (current === null || current === undefined ? undefined : (current as Record<string, unknown>)[name]), record);
}

function dedupe(problems: readonly FieldProblem[]): FieldProblem[] {
  const seen = new Map<string, FieldProblem>();
  for (const problem of problems) seen.set(describeFieldProblem(problem), problem);
  return [...seen.values()];
}
