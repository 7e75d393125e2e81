import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { WORKSPACE_ROOT } from '../stack/stack-paths';

/** One object of a rendered overlay. */
export interface ManifestObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Readonly<Record<string, string>> };
  readonly [field: string]: unknown;
}

export const DEPLOY_DIR = path.join(WORKSPACE_ROOT, 'deploy');
export const OVERLAYS = ['local', 'production'] as const;

export class ManifestError extends Error {
  override readonly name = 'ManifestError';
}

/** `kubectl kustomize deploy/overlays/<overlay>`, parsed. */
export function renderOverlay(overlay: string): ManifestObject[] {
  const dir = path.join(DEPLOY_DIR, 'overlays', overlay);
  const result = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
  if (result.error) throw new ManifestError(`kubectl kustomize ${dir}: ${result.error.message} (kubectl, with its built-in kustomize, must be installed)`);
  if (result.status !== 0) throw new ManifestError(`kubectl kustomize ${dir} failed:\n${result.stderr}`);
  return parseManifests(result.stdout, dir);
}

export function parseManifests(text: string, source: string): ManifestObject[] {
  return parseAllDocuments(text).map((document, i) => {
    if (document.errors.length > 0) throw new ManifestError(`${source}, document ${i + 1}: ${document.errors[0]?.message}`);
    return document.toJS() as ManifestObject;
  });
}

/** What kubernetes-models' generated classes share: construct from data, validate() throws. */
type ModelClass = new (data: object) => { validate(): void };

/** The schema of every kind the overlays may contain: Kubernetes 1.27 and the KEDA and prometheus-operator CRDs. */
const MODELS: Readonly<Record<string, () => ModelClass>> = {
  'v1/ConfigMap': () => require('kubernetes-models/v1/ConfigMap').ConfigMap,
  'v1/Namespace': () => require('kubernetes-models/v1/Namespace').Namespace,
  'v1/Secret': () => require('kubernetes-models/v1/Secret').Secret,
  'v1/Service': () => require('kubernetes-models/v1/Service').Service,
  'apps/v1/Deployment': () => require('kubernetes-models/apps/v1/Deployment').Deployment,
  'batch/v1/Job': () => require('kubernetes-models/batch/v1/Job').Job,
  'policy/v1/PodDisruptionBudget': () => require('kubernetes-models/policy/v1/PodDisruptionBudget').PodDisruptionBudget,
  'networking.k8s.io/v1/NetworkPolicy': () => require('kubernetes-models/networking.k8s.io/v1/NetworkPolicy').NetworkPolicy,
  'keda.sh/v1alpha1/ScaledObject': () => require('@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject').ScaledObject,
  'keda.sh/v1alpha1/TriggerAuthentication': () => require('@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication').TriggerAuthentication,
  'monitoring.coreos.com/v1/ServiceMonitor': () => require('@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor').ServiceMonitor,
  'monitoring.coreos.com/v1/PodMonitor': () => require('@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor').PodMonitor,
  'monitoring.coreos.com/v1/PrometheusRule': () => require('@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule').PrometheusRule,
};

const describe = (object: ManifestObject): string => `${object.kind}/${object.metadata?.name ?? '?'}`;

function validationError(Model: ModelClass, data: object): string | undefined {
  try {
    new Model(data).validate();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Matches no schema type: not a string, number, boolean or object, and an array whose items are
 * arrays. Put in place of a field's value, it fails validation wherever the schema knows the field.
 */
const IMPOSSIBLE = [[[]]];

/**
 * Fields the schema does not know (a misspelled `readinessProbe` passes the generated validators,
 * which ignore unknown properties). Each field's value is swapped for a value of no schema type: a
 * known field then fails validation, an unknown one does not. Only free-form maps (labels, data)
 * accept it, and they are typed maps of strings here, so they fail as they should.
 */
export function unknownFields(Model: ModelClass, object: ManifestObject): string[] {
  const unknown: string[] = [];
  const copy = structuredClone(object);
  const visit = (node: unknown, at: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, `${at}[${i}]`));
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const value = record[key];
      record[key] = IMPOSSIBLE;
      const known = validationError(Model, copy) !== undefined;
      record[key] = value;
      if (known) visit(value, `${at}.${key}`);
      else unknown.push(`${at}.${key}`.slice(1));
    }
  };
  visit(copy, '');
  return unknown;
}

/**
 * kustomize's secretGenerator wraps base64 values longer than 76 characters over lines, which the
 * API server's decoder accepts and the schema's `byte` format does not: validate them unwrapped.
 */
function unwrapSecretData(object: ManifestObject): ManifestObject {
  if (object.kind !== 'Secret' || typeof object['data'] !== 'object' || object['data'] === null) return object;
  const data = Object.fromEntries(Object.entries(object['data'] as Record<string, unknown>).map(([key, value]) => [key, typeof value === 'string' ? value.replace(/\s+/g, '') : value]));
  return { ...object, data };
}

/** Schema violations of one object: unknown kind, invalid against its schema, or unknown fields. */
export function schemaViolations(rendered: ManifestObject): string[] {
  const object = unwrapSecretData(rendered);
  const load = MODELS[`${object.apiVersion}/${object.kind}`];
  if (!load) return [`${describe(object)}: no schema for ${object.apiVersion} ${object.kind} (add its kubernetes-models class to MODELS)`];
  const Model = load();
  const invalid = validationError(Model, object);
  if (invalid) return [`${describe(object)}: ${invalid}`];
  return unknownFields(Model, object).map((field) => `${describe(object)}: unknown field ${field}`);
}
