import { crdProblems, crdValidators } from './helpers/crd';

describe('strict CRD validation helper', () => {
  const network = {
    apiVersion: 'compute.cnrm.cloud.google.com/v1beta1',
    kind: 'ComputeNetwork',
    metadata: { name: 'run-vpc' },
    spec: { autoCreateSubnetworks: false },
  };

  test('loads a validator for every kind runnel emits', () => {
    const kinds = [...crdValidators().keys()];
    for (const kind of [
      'ComputeNetwork',
      'ComputeSubnetwork',
      'VPCAccessConnector',
      'ComputeRegionNetworkEndpointGroup',
      'ComputeBackendService',
      'ComputeURLMap',
      'ComputeTargetHTTPProxy',
      'ComputeAddress',
      'ComputeForwardingRule',
      'ComputeRouter',
      'ComputeRouterNAT',
      'Service',
    ]) {
      expect(kinds.some((k) => k.endsWith(`/${kind}`))).toBe(true);
    }
  });

  test('accepts a valid object', () => {
    expect(crdProblems(network)).toEqual([]);
  });

  test('rejects a single unknown field, however deep', () => {
    expect(crdProblems({ ...network, spec: { ...network.spec, autoCreateSubnetwork: false } })).toHaveLength(1);
    const subnet = {
      apiVersion: 'compute.cnrm.cloud.google.com/v1beta1',
      kind: 'ComputeSubnetwork',
      metadata: { name: 's' },
      spec: { region: 'r', ipCidrRange: '10.0.0.0/24', networkRef: { name: 'n', nmae: 'x' } },
    };
    expect(crdProblems(subnet).length).toBeGreaterThan(0);
  });

  test('rejects a wrong type, a missing required field and an unknown kind', () => {
    expect(crdProblems({ ...network, spec: { autoCreateSubnetworks: 'false' } }).length).toBeGreaterThan(0);
    const router = {
      apiVersion: 'compute.cnrm.cloud.google.com/v1beta1',
      kind: 'ComputeRouter',
      metadata: { name: 'r' },
      spec: { region: 'x' },
    };
    expect(crdProblems(router).length).toBeGreaterThan(0);
    expect(crdProblems({ ...network, kind: 'ComputeNetworkX' })[0]).toMatch(/no CRD/);
  });

  test('checks metadata the CRDs leave open', () => {
    expect(crdProblems({ ...network, metadata: { name: 'Run_VPC' } })).toHaveLength(1);
    expect(crdProblems({ ...network, metadata: { name: 'a', annotations: { x: 3 } } })).toHaveLength(1);
  });
});

test('Knative Service containers are strict too', () => {
  const svc = {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Service',
    metadata: { name: 's' },
    spec: { template: { spec: { containers: [{ image: 'i', imagePullPolicyy: 'Always' }] } } },
  };
  expect(crdProblems(svc).length).toBeGreaterThan(0);
  expect(crdProblems({ ...svc, spec: { template: { spec: { containers: [{ image: 'i' }] } } } })).toEqual([]);
});
