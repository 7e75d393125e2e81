/**
 * Offline validation of deploy/ (issue 12, point 5): every overlay renders with kubectl kustomize,
 * every object validates against the Kubernetes 1.27, KEDA and prometheus-operator schemas with no
 * unknown field, and the deployment policy holds. Also proves each check fails on a bad manifest.
 */
import { STAGES, TOPIC_SPECS, TOPICS } from '@furnish/shared-contracts';
import { policyViolations } from './manifest-policy';
import { OVERLAYS, renderOverlay, schemaViolations, type ManifestObject } from './manifest-schemas';

const rendered = Object.fromEntries(OVERLAYS.map((overlay) => [overlay, renderOverlay(overlay)])) as Record<(typeof OVERLAYS)[number], ManifestObject[]>;

const ofKind = (objects: readonly ManifestObject[], kind: string) => objects.filter((object) => object.kind === kind);
const spec = (object: ManifestObject) => object['spec'] as Record<string, any>;

/** A Deployment and its PDB that meet the policy, written by hand from the list. */
function compliant(): ManifestObject[] {
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'app' },
      spec: {
        selector: { matchLabels: { app: 'app' } },
        template: {
          metadata: { labels: { app: 'app' } },
          spec: {
            securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'app',
                image: 'furnish:1',
                resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '128Mi' } },
                securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
                startupProbe: { httpGet: { path: '/health/live', port: 'http' } },
                livenessProbe: { httpGet: { path: '/health/live', port: 'http' } },
                readinessProbe: { httpGet: { path: '/health/ready', port: 'http' } },
              },
            ],
          },
        },
      },
    },
    { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'app' }, spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'app' } } } },
  ];
}

/** `compliant()` with `change` applied to its Deployment's container (or the whole Deployment). */
function withChange(change: (container: Record<string, any>, deployment: Record<string, any>) => void): ManifestObject[] {
  const objects = compliant();
  const deployment = objects[0] as Record<string, any>;
  change(deployment['spec'].template.spec.containers[0], deployment);
  return objects;
}

describe.each(OVERLAYS)('overlay %s', (overlay) => {
  const objects = rendered[overlay];

  it('validates against the Kubernetes and CRD schemas with no unknown field', () => {
    expect(objects.length).toBeGreaterThan(20);
    expect(objects.flatMap(schemaViolations)).toEqual([]);
  });

  it('meets the deployment policy', () => {
    expect(policyViolations(objects)).toEqual([]);
  });

  it('has a Deployment, Service, PDB and ScaledObject named after each service (the alerts select on the Service name)', () => {
    for (const kind of ['Deployment', 'Service', 'PodDisruptionBudget', 'ScaledObject']) {
      expect(ofKind(objects, kind).map((object) => object.metadata.name).sort()).toEqual([...STAGES].sort());
    }
    for (const deployment of ofKind(objects, 'Deployment')) {
      expect(spec(deployment)['template'].spec.containers[0].name).toBe(deployment.metadata.name);
    }
  });

  it('scales each stage on its own consumer group, never beyond its input partitions', () => {
    const inputs: Record<string, readonly string[]> = {
      'consent-ledger': [TOPICS.consentEvents],
      'consent-filter': [TOPICS.loanEvents],
      minimiser: [TOPICS.consentedLoanEvents],
      'bureau-formatter': Object.values(TOPICS.minimised),
    };
    const partitions = (topic: string) => TOPIC_SPECS.find((declared) => declared.name === topic)?.partitions ?? 0;
    for (const scaled of ofKind(objects, 'ScaledObject')) {
      const stage = scaled.metadata.name;
      const trigger = spec(scaled)['triggers'][0];
      expect(trigger.metadata.consumerGroup).toBe(`furnish.${stage}`);
      const topics = trigger.metadata.topic ? [trigger.metadata.topic] : inputs[stage];
      expect(topics.every((topic: string) => inputs[stage]?.includes(topic))).toBe(true);
      const total = topics.reduce((sum: number, topic: string) => sum + partitions(topic), 0);
      expect(spec(scaled)['maxReplicaCount']).toBeLessThanOrEqual(total);
    }
  });

  it('caps the V8 heap of each service at no more than half its memory limit (the rest is code, buffers and native memory)', () => {
    const mebibytes = (quantity: string) => Number(/^(\d+)Mi$/.exec(quantity)?.[1] ?? NaN);
    for (const deployment of ofKind(objects, 'Deployment')) {
      const container = spec(deployment)['template'].spec.containers[0];
      const nodeOptions = container.env.find((variable: { name: string }) => variable.name === 'NODE_OPTIONS')?.value ?? '';
      const heap = Number(/--max-old-space-size=(\d+)/.exec(nodeOptions)?.[1] ?? NaN);
      expect({ service: deployment.metadata.name, heapWithinHalfTheLimit: heap > 0 && heap <= mebibytes(container.resources.limits.memory) / 2 }).toEqual({
        service: deployment.metadata.name,
        heapWithinHalfTheLimit: true,
      });
    }
  });

  it('keeps secrets out of ConfigMaps and environment values', () => {
    const secretLike = /PASSWORD|TOKEN|SECRET|PSEUDONYM_KEY/;
    for (const configMap of ofKind(objects, 'ConfigMap').filter((object) => object.metadata.name.startsWith('furnish-config'))) {
      const names = Object.keys(configMap['data'] as object);
      expect(names.filter((name) => secretLike.test(name) && !name.endsWith('_FILE'))).toEqual([]);
    }
    for (const workload of [...ofKind(objects, 'Deployment'), ...ofKind(objects, 'Job')]) {
      for (const variable of spec(workload)['template'].spec.containers[0].env ?? []) {
        if (secretLike.test(variable.name) || variable.name === 'DATABASE_URL') expect(variable.valueFrom?.secretKeyRef).toBeDefined();
      }
    }
  });
});

describe('production overlay', () => {
  const objects = rendered.production;
  const config = ofKind(objects, 'ConfigMap').find((object) => object.metadata.name.startsWith('furnish-config'))?.['data'] as Record<string, string>;

  it('verifies migrations instead of running them at start-up, and runs the provisioning Jobs', () => {
    expect(config['CONSENT_DB_MIGRATIONS']).toBe('verify');
    expect(ofKind(objects, 'Job').map((job) => spec(job)['template'].spec.containers[0].args)).toEqual(
      expect.arrayContaining([
        ['provisioner', 'topics'],
        ['provisioner', 'schemas'],
        ['provisioner', 'migrate'],
      ]),
    );
  });

  it('connects with SASL_SSL, registry credentials and PostgreSQL TLS from mounted Secrets, and holds no Secret itself', () => {
    expect(config).toMatchObject({ KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'scram-sha-512' });
    expect(ofKind(objects, 'Secret')).toEqual([]);
    for (const file of ['KAFKA_SSL_CA_FILE', 'KAFKA_SASL_PASSWORD_FILE', 'SCHEMA_REGISTRY_PASSWORD_FILE', 'SCHEMA_REGISTRY_CA_FILE', 'DATABASE_SSL_CA_FILE']) {
      const mountedDir = (config[file] ?? '').replace(/\/[^/]+$/, '');
      for (const workload of [...ofKind(objects, 'Deployment'), ...ofKind(objects, 'Job')]) {
        const mounts = spec(workload)['template'].spec.containers[0].volumeMounts.map((mount: { mountPath: string }) => mount.mountPath);
        expect({ workload: workload.metadata.name, file, mounted: mounts.includes(mountedDir) }).toEqual({ workload: workload.metadata.name, file, mounted: true });
      }
    }
  });

  it('seals dead letters with the key ring of a mounted Secret, never the development ring (issue 15)', () => {
    expect(config).toMatchObject({ FURNISH_ENV: 'production', DLQ_KEK_FILE: '/var/run/secrets/furnish/dlq/keys' });
    expect(config['DLQ_KEK_CURRENT']).toMatch(/^[A-Za-z0-9._-]{1,64}$/);
    for (const deployment of ofKind(objects, 'Deployment')) {
      const template = spec(deployment)['template'].spec;
      const mount = template.containers[0].volumeMounts.find((m: { mountPath: string }) => m.mountPath === '/var/run/secrets/furnish/dlq');
      expect({ deployment: deployment.metadata.name, mount }).toEqual({ deployment: deployment.metadata.name, mount: { name: 'dlq-keys', mountPath: '/var/run/secrets/furnish/dlq', readOnly: true } });
      expect(template.volumes.find((v: { name: string }) => v.name === 'dlq-keys')?.secret.secretName).toBe('furnish-dlq-keys');
    }
  });

  it('mounts the furnished-record key ring into the bureau-formatter only, and names the file and current key there (issue 15)', () => {
    const mountPath = '/var/run/secrets/furnish/furnished-record';
    for (const workload of [...ofKind(objects, 'Deployment'), ...ofKind(objects, 'Job')]) {
      const template = spec(workload)['template'].spec;
      const container = template.containers[0];
      const mount = (container.volumeMounts ?? []).find((m: { mountPath: string }) => m.mountPath === mountPath);
      const env = Object.fromEntries((container.env ?? []).filter((v: { name: string }) => v.name.startsWith('FURNISHED_RECORD_KEK_')).map((v: { name: string; value: string }) => [v.name, v.value]));
      if (workload.metadata.name === 'bureau-formatter') {
        expect(mount).toEqual({ name: 'furnished-record-keys', mountPath, readOnly: true });
        expect(template.volumes.find((v: { name: string }) => v.name === 'furnished-record-keys')?.secret.secretName).toBe('furnish-furnished-record-keys');
        expect(env['FURNISHED_RECORD_KEK_FILE']).toBe(`${mountPath}/keys`);
        expect(env['FURNISHED_RECORD_KEK_CURRENT']).toMatch(/^[A-Za-z0-9._-]{1,64}$/);
      } else {
        expect({ workload: workload.metadata.name, mount, env }).toEqual({ workload: workload.metadata.name, mount: undefined, env: {} });
      }
    }
    expect(Object.keys(config).filter((name) => name.startsWith('FURNISHED_RECORD_KEK_'))).toEqual([]);
  });

  it('includes the PrometheusRule generated from deploy/prometheus/rules', () => {
    expect(ofKind(objects, 'PrometheusRule').map((rule) => rule.metadata.name)).toEqual(['furnish']);
  });
});

describe('the policy check', () => {
  it('passes a compliant Deployment with its PDB', () => {
    expect(policyViolations(compliant())).toEqual([]);
  });

  it.each([
    ['a missing readiness probe', (c: Record<string, any>) => delete c['readinessProbe'], 'Deployment/app/app: no readinessProbe'],
    ['a missing liveness probe', (c: Record<string, any>) => delete c['livenessProbe'], 'Deployment/app/app: no livenessProbe'],
    ['a missing startup probe', (c: Record<string, any>) => delete c['startupProbe'], 'Deployment/app/app: no startupProbe'],
    ['a missing memory limit', (c: Record<string, any>) => delete c['resources'].limits.memory, 'Deployment/app/app: no memory limit'],
    ['a missing CPU request', (c: Record<string, any>) => delete c['resources'].requests.cpu, 'Deployment/app/app: no cpu request'],
    ['a writable root filesystem', (c: Record<string, any>) => (c['securityContext'].readOnlyRootFilesystem = false), 'Deployment/app/app: readOnlyRootFilesystem is not true'],
    ['privilege escalation left to the default', (c: Record<string, any>) => delete c['securityContext'].allowPrivilegeEscalation, 'Deployment/app/app: allowPrivilegeEscalation is not false'],
    ['capabilities not dropped', (c: Record<string, any>) => (c['securityContext'].capabilities = { drop: ['NET_RAW'] }), 'Deployment/app/app: capabilities do not drop ALL'],
    ['uid 0', (c: Record<string, any>) => (c['securityContext'].runAsUser = 0), 'Deployment/app/app: runs as uid 0'],
    ['no seccomp profile', (_: Record<string, any>, d: Record<string, any>) => delete d['spec'].template.spec.securityContext.seccompProfile, 'Deployment/app/app: seccompProfile is not RuntimeDefault'],
    ['runAsNonRoot unset', (_: Record<string, any>, d: Record<string, any>) => delete d['spec'].template.spec.securityContext.runAsNonRoot, 'Deployment/app/app: runAsNonRoot is not true'],
  ])('fails on %s', (_, change, expected) => {
    expect(policyViolations(withChange(change))).toEqual([expected]);
  });

  it('fails on a Deployment that no PDB selects', () => {
    const [deployment] = compliant();
    expect(policyViolations([deployment as ManifestObject])).toEqual(['Deployment/app: no PodDisruptionBudget selects its pods']);
  });

  it('requires limits and the security context of a Job, but no probes or PDB', () => {
    const [deployment] = compliant();
    const template = structuredClone(spec(deployment as ManifestObject)['template']);
    for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) delete template.spec.containers[0][probe];
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'once' }, spec: { template } };
    expect(policyViolations([job])).toEqual([]);
    delete template.spec.containers[0].resources.limits;
    expect(policyViolations([job])).toEqual(['Job/once/app: no cpu limit', 'Job/once/app: no memory limit']);
  });
});

describe('the schema check', () => {
  it('passes the compliant manifests', () => {
    expect(compliant().flatMap(schemaViolations)).toEqual([]);
  });

  it('fails on a misspelled field the generated validators would ignore', () => {
    const objects = withChange((container) => {
      container['readinesProbe'] = container['readinessProbe'];
    });
    expect(objects.flatMap(schemaViolations)).toEqual(['Deployment/app: unknown field spec.template.spec.containers[0].readinesProbe']);
  });

  it('fails on a value of the wrong type', () => {
    const objects = withChange((_, deployment) => {
      deployment['spec'].replicas = 'two';
    });
    expect(objects.flatMap(schemaViolations)).toEqual(['Deployment/app: data/spec/replicas must be integer']);
  });

  it('fails on a kind it has no schema for', () => {
    expect(schemaViolations({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } })).toEqual([
      'Widget/w: no schema for example.com/v1 Widget (add its kubernetes-models class to MODELS)',
    ]);
  });

  it('fails on an invalid KEDA ScaledObject', () => {
    const scaled = structuredClone(ofKind(rendered.production, 'ScaledObject')[0] as ManifestObject) as Record<string, any>;
    scaled['spec'].maxReplicaCount = '6';
    expect(schemaViolations(scaled as ManifestObject)).toEqual([`ScaledObject/${scaled['metadata'].name}: data/spec/maxReplicaCount must be integer`]);
  });
});
