import { Construct } from 'constructs';
import { RedisInstance } from '../../imports/redis.cnrm.cloud.google.com';
import { kccMetadata, KccScope } from '../kcc';
import { Network } from '../network/network';
import { validateName } from '../check/name-check';
import { PrivateServiceAccess } from './private-service-access';
import { DEFAULTS, REDIS_PORT } from '../defaults';
import { RedisTier } from '../choices';

export { REDIS_PORT };

/** How a Redis instance joins the network. */
export type RedisConnection =
  | { readonly mode: 'direct-peering'; readonly reservedRange?: string }
  | { readonly mode: 'private-service-access'; readonly access: PrivateServiceAccess };

export interface RedisProps {
  /** Instance ID: 1-40 characters. */
  readonly name: string;
  readonly region: string;
  /** The network whose clients may connect (the authorized network). */
  readonly network: Network;
  /**
   * Where the instance is created: a Shared VPC service project may own an instance on the host's network.
   * @default - the network's scope
   */
  readonly scope?: KccScope;
  /** @default { mode: 'direct-peering' } */
  readonly connection?: RedisConnection;
  /** @default 'BASIC' */
  readonly tier?: RedisTier;
  /** @default 1 */
  readonly memorySizeGb?: number;
  /** @default 'REDIS_7_2' */
  readonly version?: string;
}

/**
 * A Memorystore for Redis instance reachable only from one VPC network: no public address exists, so
 * Cloud Run services reach it through VPC egress. Its address is assigned at creation (see `host`).
 * @see https://cloud.google.com/memorystore/docs/redis/connect-redis-instance-cloud-run
 */
export class Redis extends Construct {
  public readonly name: string;
  public readonly port = REDIS_PORT;
  public readonly resource: RedisInstance;

  constructor(scope: Construct, id: string, props: RedisProps) {
    super(scope, id);
    this.name = props.name;
    validateName(this, 'redisInstance', props.name);
    const connection = props.connection ?? { mode: DEFAULTS.redis.connectMode };
    this.resource = new RedisInstance(this, 'Resource', {
      metadata: kccMetadata(props.name, props.scope ?? props.network.kccScope, { stateful: true }),
      spec: {
        region: props.region,
        tier: props.tier ?? DEFAULTS.redis.tier,
        memorySizeGb: props.memorySizeGb ?? DEFAULTS.redis.memorySizeGb,
        redisVersion: props.version ?? DEFAULTS.redis.version,
        authorizedNetworkRef: props.network.ref,
        ...(connection.mode === 'direct-peering'
          ? { connectMode: 'DIRECT_PEERING', ...(connection.reservedRange ? { reservedIpRange: connection.reservedRange } : {}) }
          : { connectMode: 'PRIVATE_SERVICE_ACCESS', reservedIpRange: connection.access.name }),
      },
    });
  }
}
