import { EXECUTION_ENVIRONMENTS } from '../choices';

/*
 * JSON Schema of the service settings (`ServiceSettingsSpec`), spread into `services[]` in schema.ts. Limits that
 * are plain API bounds live here, each with its source; limits that relate fields (CPU and memory, concurrency and
 * CPU, probe period and timeout, names that must exist) are rules (service-settings-valid).
 */

const str = { type: 'string', nullable: true } as const;
const strings = { type: 'array', nullable: true, items: { type: 'string' } } as const;
const bool = { type: 'boolean', nullable: true } as const;
const port = { type: 'integer', nullable: true, minimum: 1, maximum: 65535 } as const;

/** Kubernetes quantities as Cloud Run takes them: `1`, `0.5`, `500m` for CPU; `512Mi`, `1Gi`, `1G` for memory. */
const CPU_PATTERN = '^([0-9]+(\\.[0-9]+)?|[0-9]+m)$';
const MEMORY_PATTERN = '^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$';

const resources = {
  type: 'object',
  additionalProperties: false,
  required: [],
  nullable: true,
  properties: {
    cpu: { type: 'string', nullable: true, pattern: CPU_PATTERN },
    memory: { type: 'string', nullable: true, pattern: MEMORY_PATTERN },
  },
} as const;

/*
 * Probe bounds: https://cloud.google.com/run/docs/reference/rest/v2/Container#probe (initialDelaySeconds 0-240 for
 * startup, 0-3600 for liveness; periodSeconds and timeoutSeconds 1-240 / 1-3600; failureThreshold at least 1).
 * The per-kind maxima (240 for startup) are checked by the rule, which knows which probe it reads.
 */
const probe = {
  type: 'object',
  additionalProperties: false,
  required: [],
  nullable: true,
  properties: {
    http: {
      type: 'object',
      additionalProperties: false,
      required: ['path'],
      nullable: true,
      properties: { path: { type: 'string', pattern: '^/' }, port },
    },
    tcp: { type: 'object', additionalProperties: false, required: [], nullable: true, properties: { port } },
    grpc: { type: 'object', additionalProperties: false, required: [], nullable: true, properties: { port, service: str } },
    initialDelaySeconds: { type: 'integer', nullable: true, minimum: 0, maximum: 3600 },
    periodSeconds: { type: 'integer', nullable: true, minimum: 1, maximum: 3600 },
    timeoutSeconds: { type: 'integer', nullable: true, minimum: 1, maximum: 3600 },
    failureThreshold: { type: 'integer', nullable: true, minimum: 1 },
  },
} as const;

const probes = {
  type: 'object',
  additionalProperties: false,
  required: [],
  nullable: true,
  properties: { startup: probe, liveness: probe },
} as const;

const volumeMounts = {
  type: 'array',
  nullable: true,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['volume', 'path'],
    properties: { volume: { type: 'string', minLength: 1 }, path: { type: 'string', pattern: '^/' } },
  },
} as const;

/** Container names: DNS labels (RFC 1123), as Kubernetes and Cloud Run take them. */
const CONTAINER_NAME = { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$' } as const;

const containerSettings = {
  command: strings,
  // Cloud Run takes at most 1000 arguments per container: https://cloud.google.com/run/docs/configuring/services/containers
  args: { type: 'array', nullable: true, maxItems: 1000, items: { type: 'string' } },
  workingDir: { type: 'string', nullable: true, pattern: '^/' },
  resources,
  probes,
  volumeMounts,
} as const;

const sidecar = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'image'],
  properties: {
    name: CONTAINER_NAME,
    image: { type: 'string', minLength: 1 },
    env: {
      type: 'object',
      nullable: true,
      required: [],
      additionalProperties: { type: 'string' },
      propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
    },
    dependsOn: strings,
    ...containerSettings,
  },
} as const;

const volume = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: CONTAINER_NAME,
    secret: {
      type: 'object',
      additionalProperties: false,
      required: ['secret'],
      nullable: true,
      properties: {
        secret: { type: 'string', minLength: 1 },
        items: {
          type: 'array',
          nullable: true,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['path'],
            properties: {
              path: { type: 'string', pattern: '^[^/]' },
              version: { type: 'string', nullable: true, pattern: '^(latest|[1-9][0-9]*)$' },
            },
          },
        },
      },
    },
    inMemory: {
      type: 'object',
      additionalProperties: false,
      required: [],
      nullable: true,
      properties: { sizeLimit: { type: 'string', nullable: true, pattern: MEMORY_PATTERN } },
    },
    cloudStorage: {
      type: 'object',
      additionalProperties: false,
      required: ['bucket'],
      nullable: true,
      properties: { bucket: { type: 'string', minLength: 3 }, readOnly: bool },
    },
    nfs: {
      type: 'object',
      additionalProperties: false,
      required: ['server', 'path'],
      nullable: true,
      properties: { server: { type: 'string', minLength: 1 }, path: { type: 'string', pattern: '^/' }, readOnly: bool },
    },
  },
} as const;

/** The `services[]` properties of `ServiceSettingsSpec`. */
export const SERVICE_SETTINGS_PROPERTIES = {
  ...containerSettings,
  containerName: { ...CONTAINER_NAME, nullable: true },
  dependsOn: strings,
  // 1-1000: https://cloud.google.com/run/docs/configuring/concurrency
  concurrency: { type: 'integer', nullable: true, minimum: 1, maximum: 1000 },
  // 1s-3600s for services: https://cloud.google.com/run/docs/configuring/request-timeout
  timeout: { type: 'string', nullable: true, pattern: '^([1-9][0-9]{0,2}|[1-2][0-9]{3}|3[0-5][0-9]{2}|3600)s$' },
  cpu: {
    type: 'object',
    additionalProperties: false,
    required: [],
    nullable: true,
    properties: { alwaysAllocated: bool, startupBoost: bool },
  },
  executionEnvironment: { type: 'string', nullable: true, enum: EXECUTION_ENVIRONMENTS },
  sessionAffinity: bool,
  // GCP labels: keys start with a lowercase letter; keys and values at most 63 of [a-z0-9_-].
  // https://cloud.google.com/resource-manager/docs/labels-overview#requirements
  labels: {
    type: 'object',
    nullable: true,
    required: [],
    additionalProperties: { type: 'string', pattern: '^[a-z0-9_-]{0,63}$' },
    propertyNames: { pattern: '^[a-z][a-z0-9_-]{0,62}$' },
  },
  annotations: { type: 'object', nullable: true, required: [], additionalProperties: { type: 'string' } },
  sidecars: { type: 'array', nullable: true, items: sidecar },
  volumes: { type: 'array', nullable: true, items: volume },
  minInstances: { type: 'integer', nullable: true, minimum: 0, maximum: 2147483647 },
  // The revision name `<service>-<suffix>` is a DNS label of at most 63 characters (checked with the name by the rule).
  revisionSuffix: { type: 'string', nullable: true, pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' },
  traffic: {
    type: 'array',
    nullable: true,
    items: {
      type: 'object',
      additionalProperties: false,
      required: [],
      properties: {
        revision: str,
        latest: bool,
        percent: { type: 'integer', nullable: true, minimum: 0, maximum: 100 },
        tag: { type: 'string', nullable: true, pattern: '^[a-z]([-a-z0-9]*[a-z0-9])?$' },
      },
    },
  },
} as const;
