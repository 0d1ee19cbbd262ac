import { existingConnectorInRegion } from './existing-connector-in-region';
import { existingSubnetNamed } from './existing-subnet-named';
import { existingZoneNeedsDomain } from './existing-zone-needs-domain';
import { sharedVpcLoadBalancerGrant } from './shared-vpc-load-balancer-grant';
import { sharedVpcNeedsProjectNumber } from './shared-vpc-needs-project-number';
import { sharedVpcNetworkMustExist } from './shared-vpc-network-must-exist';
import { regionsValid } from './regions-valid';
import { serviceRegionsKnown } from './service-regions-known';
import { callersInCalleeRegions } from './callers-in-callee-regions';
import { failoverNeedsWarmInstances } from './failover-needs-warm-instances';
import { crossRegionHttpsCertificateManager } from './cross-region-https-certificate-manager';
import { multiRegionNeedsDnsDomain } from './multi-region-needs-dns-domain';
import { multiRegionScope } from './multi-region-scope';
import { InputRule } from '../check/input-rule';
import { Rule } from '../check/rule';
import { EnvironmentRule } from '../check/environment-rule';
import { environmentNamesUnique } from './environment-names-unique';
import { environmentRangesMustNotOverlap } from './environment-ranges-must-not-overlap';
import { annotationsRunnelOwns } from './annotations-runnel-owns';
import { backendExists } from './backend-exists';
import { backendHasOneKind } from './backend-has-one-kind';
import { backendHostKnownAfterApply } from './backend-host-known-after-apply';
import { backendUserNeedsVpcEgress } from './backend-user-needs-vpc-egress';
import { callTargetExists } from './call-target-exists';
import { callerNeedsVpcEgress } from './caller-needs-vpc-egress';
import { cidrMustBePrivate } from './cidr-must-be-private';
import { configConnectorServiceAccount } from './config-connector-service-account';
import { connectorInstancesInRange } from './connector-instances-in-range';
import { connectorMachineTypeForLoad } from './connector-machine-type-for-load';
import { connectorSubnetMustBe28 } from './connector-subnet-must-be-28';
import { containerDependenciesExist } from './container-dependencies-exist';
import { cpuMemoryCombination } from './cpu-memory-combination';
import { createNamespaceNeedsNamespace } from './create-namespace-needs-namespace';
import { declaredPathIsProven } from './declared-path-is-proven';
import { deployerIsAMember } from './deployer-is-a-member';
import { directVpcNatColdStart } from './direct-vpc-nat-cold-start';
import { directVpcNeedsStartupProbe } from './direct-vpc-needs-startup-probe';
import { directVpcSubnetCapacity } from './direct-vpc-subnet-capacity';
import { emittedNamesUnique } from './emitted-names-unique';
import { envDoesNotShadow } from './env-does-not-shadow';
import { fractionalCpuRequirements } from './fractional-cpu-requirements';
import { httpsCertificateSource } from './https-certificate-source';
import { httpsNeedsPrivateDns } from './https-needs-private-dns';
import { internetNeedsAWayOut } from './internet-needs-a-way-out';
import { lbAddressMustBeUsable } from './lb-address-must-be-usable';
import { lbSettingsMatchMode } from './lb-settings-match-mode';
import { manifestAgreesWithTopology } from './manifest-agrees-with-topology';
import { noInternetMeansNoNat } from './no-internet-means-no-nat';
import { probeLimits } from './probe-limits';
import { proxyOnlySubnetSize } from './proxy-only-subnet-size';
import { pscAddressUsable } from './psc-address-usable';
import { publicNeedsIngressAll } from './public-needs-ingress-all';
import { routeNeedsVpcEgress } from './route-needs-vpc-egress';
import { runAppCallNeedsAllTraffic } from './run-app-call-needs-all-traffic';
import { runAppCallNeedsPrivateGoogleAccess } from './run-app-call-needs-private-google-access';
import { runAppUrlNeedsProjectNumber } from './run-app-url-needs-project-number';
import { scalingMinNotAboveMax } from './scaling-min-not-above-max';
import { secretEnvByReference } from './secret-env-by-reference';
import { secretValueInEnv } from './secret-value-in-env';
import { sharedLbNeedsDnsDomain } from './shared-lb-needs-dns-domain';
import { settingNeedsKnativeFormat } from './setting-needs-knative-format';
import { subnetCidrsMustNotOverlap } from './subnet-cidrs-must-not-overlap';
import { topologySchema } from './topology-schema';
import { trafficTargetsValid } from './traffic-targets-valid';
import { undeclaredCallIsRefused } from './undeclared-call-is-refused';
import { uniqueNames } from './unique-names';
import { validBackendHost } from './valid-backend-host';
import { validCidr } from './valid-cidr';
import { validImage } from './valid-image';
import { validNames } from './valid-names';
import { volumeMountsNameVolumes } from './volume-mounts-name-volumes';

/** Checks on the raw input; when one fails, the model rules do not run. */
export const INPUT_RULES: readonly InputRule[] = [topologySchema];

/** Checks on the resolved topology, sorted by id. */
export const MODEL_RULES: readonly Rule[] = [
  annotationsRunnelOwns,
  backendExists,
  backendHasOneKind,
  backendHostKnownAfterApply,
  backendUserNeedsVpcEgress,
  callTargetExists,
  callerNeedsVpcEgress,
  callersInCalleeRegions,
  cidrMustBePrivate,
  configConnectorServiceAccount,
  connectorInstancesInRange,
  connectorMachineTypeForLoad,
  connectorSubnetMustBe28,
  containerDependenciesExist,
  cpuMemoryCombination,
  createNamespaceNeedsNamespace,
  crossRegionHttpsCertificateManager,
  declaredPathIsProven,
  deployerIsAMember,
  directVpcNatColdStart,
  directVpcNeedsStartupProbe,
  directVpcSubnetCapacity,
  emittedNamesUnique,
  envDoesNotShadow,
  existingConnectorInRegion,
  existingSubnetNamed,
  existingZoneNeedsDomain,
  failoverNeedsWarmInstances,
  fractionalCpuRequirements,
  httpsCertificateSource,
  httpsNeedsPrivateDns,
  internetNeedsAWayOut,
  lbAddressMustBeUsable,
  lbSettingsMatchMode,
  manifestAgreesWithTopology,
  multiRegionNeedsDnsDomain,
  multiRegionScope,
  noInternetMeansNoNat,
  probeLimits,
  proxyOnlySubnetSize,
  pscAddressUsable,
  publicNeedsIngressAll,
  regionsValid,
  routeNeedsVpcEgress,
  runAppCallNeedsAllTraffic,
  runAppCallNeedsPrivateGoogleAccess,
  runAppUrlNeedsProjectNumber,
  scalingMinNotAboveMax,
  secretEnvByReference,
  secretValueInEnv,
  serviceRegionsKnown,
  settingNeedsKnativeFormat,
  sharedLbNeedsDnsDomain,
  sharedVpcLoadBalancerGrant,
  sharedVpcNeedsProjectNumber,
  sharedVpcNetworkMustExist,
  subnetCidrsMustNotOverlap,
  trafficTargetsValid,
  undeclaredCallIsRefused,
  uniqueNames,
  validBackendHost,
  validCidr,
  validImage,
  validNames,
  volumeMountsNameVolumes,
];

/** Checks across the environments of a topology (`environments:`), sorted by id. */
export const ENVIRONMENT_RULES: readonly EnvironmentRule[] = [environmentNamesUnique, environmentRangesMustNotOverlap];

export const ALL_RULES: ReadonlyArray<Rule | InputRule | EnvironmentRule> = [...INPUT_RULES, ...MODEL_RULES, ...ENVIRONMENT_RULES];
