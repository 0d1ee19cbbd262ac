import { JSONSchemaType } from 'ajv';
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

export const TOPOLOGY_SCHEMA: JSONSchemaType<TopologySpec> = {
  type: 'object',
  additionalProperties: false,
  required: ['project', 'region', 'network', 'services'],
  properties: {
    project: { type: 'string' },
    projectNumber: { type: 'string', nullable: true, pattern: '^[0-9]{6,20}$' },
    region: { type: 'string' },
    namespace: { type: 'string', nullable: true },
    network: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: {
        name: { type: 'string' },
        subnets: {
          type: 'object',
          additionalProperties: false,
          required: [],
          nullable: true,
          properties: { workload: subnet, directVpc: subnet, connector: subnet, proxyOnly: subnet },
        },
        connector: {
          type: 'object',
          additionalProperties: false,
          required: [],
          nullable: true,
          properties: {
            name: { type: 'string', nullable: true },
            minInstances: { type: 'integer', nullable: true },
            maxInstances: { type: 'integer', nullable: true },
            machineType: { type: 'string', nullable: true, enum: ['e2-micro', 'f1-micro', 'e2-standard-4'] },
          },
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
          ingress: { type: 'string', nullable: true, enum: ['all', 'internal', 'internal-and-cloud-load-balancing'] },
          egress: {
            type: 'object',
            additionalProperties: false,
            required: [],
            nullable: true,
            properties: {
              via: { type: 'string', nullable: true, enum: ['none', 'connector', 'direct-vpc'] },
              route: { type: 'string', nullable: true, enum: ['private-ranges-only', 'all-traffic'] },
            },
          },
          internet: { type: 'boolean', nullable: true },
          calls: { type: 'array', nullable: true, items: { type: 'string' } },
          access: { type: 'string', nullable: true, enum: ['load-balancer', 'private-google-access'] },
          loadBalancer: {
            type: 'object',
            additionalProperties: false,
            required: [],
            nullable: true,
            properties: { address: { type: 'string', nullable: true } },
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
            properties: {
              minInstances: { type: 'integer', nullable: true, minimum: 0 },
              maxInstances: { type: 'integer', nullable: true, minimum: 1 },
            },
          },
          serviceAccount: { type: 'string', nullable: true },
        },
      },
    },
  },
};
