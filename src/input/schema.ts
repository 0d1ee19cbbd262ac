import { JSONSchemaType } from 'ajv';
import {
  ARGO_CD_GENERATORS,
  CALLEE_ACCESSES,
  choices,
  CONNECTOR_MACHINE_TYPES,
  EGRESS_VIAS,
  EgressRoute,
  Ingress,
  LOAD_BALANCING_MODES,
  REDIS_CONNECT_MODES,
  REDIS_TIERS,
  ServiceFormat,
} from '../choices';
import { SERVICE_SETTINGS_PROPERTIES } from './service-settings-schema';
import { TopologySpec } from './spec';

/*
 * JSON Schema of topology.yaml. Typed as JSONSchemaType<TopologySpec>, so the compiler rejects a schema
 * that drifts from the spec's field names, types or optionality. Semantic checks live in src/rules.
 */

const subnet = {
  type: 'object',
  additionalProperties: false,
  required: [],
  properties: {
    name: { type: 'string', nullable: true },
    cidr: { type: 'string', nullable: true },
    privateGoogleAccess: { type: 'boolean', nullable: true },
  },
  nullable: true,
} as const;

const optionalString = { type: 'string', nullable: true } as const;

/** The subnets of one region, by role. */
const subnets = {
  type: 'object',
  additionalProperties: false,
  required: [],
  nullable: true,
  properties: { workload: subnet, directVpc: subnet, connector: subnet, proxyOnly: subnet, globalProxyOnly: subnet },
} as const;

/** A list of region names (the rules check each name and that the list holds no name twice). */
const regionList = { type: 'array', nullable: true, minItems: 1, items: { type: 'string' } } as const;

/** `https` of a load balancer: where its certificate comes from. */
const https = {
  type: 'object',
  additionalProperties: false,
  required: [],
  nullable: true,
  properties: {
    certificateSecret: optionalString,
    sslCertificate: optionalString,
    certificateVersion: { type: 'integer', nullable: true, minimum: 1 },
    certificateManagerCertificate: optionalString,
  },
} as const;

/** The largest value of an int32 API field. */
const INT32_MAX = 2147483647;

const backend = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string' },
    redis: {
      type: 'object',
      additionalProperties: false,
      required: [],
      nullable: true,
      properties: {
        tier: { type: 'string', nullable: true, enum: REDIS_TIERS },
        memorySizeGb: { type: 'integer', nullable: true, minimum: 1, maximum: 300 },
        version: { type: 'string', nullable: true, pattern: '^REDIS_[0-9]+_[0-9X]+$' },
        connectMode: { type: 'string', nullable: true, enum: REDIS_CONNECT_MODES },
        reservedRange: optionalString,
      },
    },
    endpoint: {
      type: 'object',
      additionalProperties: false,
      required: ['host', 'port'],
      nullable: true,
      properties: { host: { type: 'string', minLength: 1 }, port: { type: 'integer', minimum: 1, maximum: 65535 } },
    },
    host: { type: 'string', nullable: true, minLength: 1 },
    env: {
      type: 'object',
      additionalProperties: false,
      required: [],
      nullable: true,
      properties: {
        host: { type: 'string', nullable: true, pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
        port: { type: 'string', nullable: true, pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
      },
    },
  },
} as const;

export const TOPOLOGY_SCHEMA: JSONSchemaType<TopologySpec> = {
  type: 'object',
  additionalProperties: false,
  required: ['project', 'network', 'services'],
  properties: {
    project: { type: 'string' },
    projectNumber: { type: 'string', nullable: true, pattern: '^[0-9]{6,20}$' },
    // Exactly one of region and regions: the rule regions-valid says which to keep, with the rest of the findings.
    region: { type: 'string', nullable: true },
    regions: { ...regionList },
    namespace: { type: 'string', nullable: true },
    network: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: {
        name: { type: 'string' },
        project: { type: 'string', nullable: true, minLength: 1 },
        existing: { type: 'boolean', nullable: true },
        subnets: { ...subnets },
        regions: {
          type: 'object',
          nullable: true,
          required: [],
          additionalProperties: {
            type: 'object',
            additionalProperties: false,
            required: [],
            properties: { subnets: { ...subnets } },
          },
        },
        connector: {
          type: 'object',
          additionalProperties: false,
          required: [],
          nullable: true,
          properties: {
            existing: { type: 'string', nullable: true, pattern: '^projects/[^/]+/locations/[^/]+/connectors/[^/]+$' },
            name: { type: 'string', nullable: true },
            minInstances: { type: 'integer', nullable: true, maximum: INT32_MAX },
            maxInstances: { type: 'integer', nullable: true, maximum: INT32_MAX },
            machineType: { type: 'string', nullable: true, enum: CONNECTOR_MACHINE_TYPES },
          },
        },
        privateServiceAccess: {
          type: 'object',
          additionalProperties: false,
          required: [],
          nullable: true,
          properties: { name: optionalString, cidr: optionalString },
        },
        nat: {
          type: 'object',
          additionalProperties: false,
          required: [],
          nullable: true,
          properties: {
            enabled: { type: 'boolean', nullable: true },
            routerName: { type: 'string', nullable: true },
            name: { type: 'string', nullable: true },
          },
        },
      },
    },
    services: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'image'],
        properties: {
          name: { type: 'string' },
          image: { type: 'string', minLength: 1 },
          ingress: { type: 'string', nullable: true, enum: choices(Ingress) },
          egress: {
            type: 'object',
            additionalProperties: false,
            required: [],
            nullable: true,
            properties: {
              via: { type: 'string', nullable: true, enum: EGRESS_VIAS },
              route: { type: 'string', nullable: true, enum: choices(EgressRoute) },
            },
          },
          internet: { type: 'boolean', nullable: true },
          calls: { type: 'array', nullable: true, items: { type: 'string' } },
          access: { type: 'string', nullable: true, enum: CALLEE_ACCESSES },
          loadBalancer: {
            type: 'object',
            additionalProperties: false,
            required: [],
            nullable: true,
            properties: {
              address: optionalString,
              https,
              http: { type: 'boolean', nullable: true },
            },
          },
          port: { type: 'integer', nullable: true, minimum: 1, maximum: 65535 },
          env: {
            type: 'object',
            nullable: true,
            required: [],
            additionalProperties: { type: 'string' },
            propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
          },
          scaling: {
            type: 'object',
            additionalProperties: false,
            required: [],
            nullable: true,
            // Cloud Run sets no fixed ceiling (it follows the region's quota, which can be raised), but the API fields
            // are int32 (RevisionScaling.minInstanceCount/maxInstanceCount): a larger number, such as 1e21 written as
            // the annotation "1e+21", could never apply.
            // https://cloud.google.com/run/docs/configuring/max-instances-limits
            // https://cloud.google.com/dotnet/docs/reference/Google.Cloud.Run.V2/latest/Google.Cloud.Run.V2.RevisionScaling
            properties: {
              minInstances: { type: 'integer', nullable: true, minimum: 0, maximum: INT32_MAX },
              maxInstances: { type: 'integer', nullable: true, minimum: 1, maximum: INT32_MAX },
            },
          },
          // Cloud Run's startup probe limits: https://cloud.google.com/run/docs/reference/rest/v2/Container#probe
          startupProbe: {
            type: 'object',
            additionalProperties: false,
            required: ['path'],
            nullable: true,
            properties: {
              path: { type: 'string', pattern: '^/' },
              periodSeconds: { type: 'integer', nullable: true, minimum: 1, maximum: 240 },
              failureThreshold: { type: 'integer', nullable: true, minimum: 1 },
            },
          },
          ...SERVICE_SETTINGS_PROPERTIES,
          manifest: { type: 'string', nullable: true, minLength: 1 },
          regions: { ...regionList },
          failover: {
            type: 'object',
            additionalProperties: false,
            required: [],
            nullable: true,
            properties: { minInstancesPerRegion: { type: 'integer', nullable: true, minimum: 0, maximum: INT32_MAX } },
          },
          serviceAccount: { type: 'string', nullable: true },
          secrets: {
            type: 'object',
            nullable: true,
            required: [],
            additionalProperties: {
              type: 'object',
              additionalProperties: false,
              required: ['secret'],
              properties: {
                secret: { type: 'string', minLength: 1 },
                version: { type: 'string', nullable: true, pattern: '^(latest|[1-9][0-9]*)$' },
              },
            },
            propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
          },
          uses: { type: 'array', nullable: true, items: { type: 'string' } },
          public: { type: 'boolean', nullable: true },
          // user:, serviceAccount:, group: take an email; domain: a domain (allUsers is `public`).
          // https://cloud.google.com/iam/docs/principal-identifiers
          invokers: {
            type: 'array',
            nullable: true,
            items: {
              type: 'string',
              pattern: '^((user|serviceAccount|group):[^@:\\s]+@[a-z0-9.-]+\\.[a-z]{2,}|domain:[a-z0-9.-]+\\.[a-z]{2,})$',
            },
          },
        },
      },
    },
    backends: { type: 'array', nullable: true, items: backend },
    secrets: {
      type: 'array',
      nullable: true,
      items: { type: 'object', additionalProperties: false, required: ['name'], properties: { name: { type: 'string' } } },
    },
    dns: {
      type: 'object',
      additionalProperties: false,
      required: [],
      nullable: true,
      properties: {
        domain: optionalString,
        zoneName: optionalString,
        zone: {
          type: 'object',
          additionalProperties: false,
          required: ['existing'],
          nullable: true,
          properties: { existing: { type: 'string', pattern: '^projects/[^/]+/managedZones/[^/]+$' } },
        },
        runApp: { type: 'boolean', nullable: true },
      },
    },
    loadBalancing: {
      type: 'object',
      additionalProperties: false,
      required: [],
      nullable: true,
      properties: {
        mode: { type: 'string', nullable: true, enum: LOAD_BALANCING_MODES },
        name: optionalString,
        address: optionalString,
        https: { ...https },
        http: { type: 'boolean', nullable: true },
      },
    },
    delivery: {
      type: 'object',
      additionalProperties: false,
      required: [],
      nullable: true,
      properties: {
        cloudRun: { type: 'string', nullable: true, enum: choices(ServiceFormat) },
        createNamespace: { type: 'boolean', nullable: true },
        abandonStateful: { type: 'boolean', nullable: true },
        argocd: {
          type: 'object',
          additionalProperties: false,
          required: ['repoURL'],
          nullable: true,
          properties: {
            repoURL: { type: 'string', minLength: 1 },
            targetRevision: optionalString,
            path: optionalString,
            project: optionalString,
            namespace: optionalString,
            name: optionalString,
            generator: { type: 'string', nullable: true, enum: ARGO_CD_GENERATORS },
          },
        },
        enableApis: { type: 'boolean', nullable: true },
        deployer: optionalString,
        configConnectorServiceAccount: optionalString,
        connectivityTests: { type: 'boolean', nullable: true },
      },
    },
    googleApis: {
      type: 'object',
      additionalProperties: false,
      required: ['privateServiceConnect'],
      nullable: true,
      properties: {
        privateServiceConnect: {
          type: 'object',
          additionalProperties: false,
          required: ['address'],
          properties: { name: optionalString, address: { type: 'string' } },
        },
      },
    },
  },
};
