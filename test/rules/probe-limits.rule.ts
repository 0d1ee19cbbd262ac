import { probeLimits } from '../../src/rules/probe-limits';
import { describeRule } from '../helpers/rule-cases';

describeRule(probeLimits, {
  valid: [
    { name: 'the deprecated startupProbe alone', mutate: () => {} },
    {
      name: 'HTTP startup, gRPC liveness',
      mutate: (t) => {
        delete t.services[0].startupProbe;
        t.services[0].probes = {
          startup: { http: { path: '/ready' }, periodSeconds: 240 },
          liveness: { grpc: { service: 'api' }, periodSeconds: 3600 },
        };
      },
    },
    {
      name: 'a TCP startup probe on a sidecar',
      mutate: (t) => (t.services[1].sidecars = [{ name: 'otel', image: 'o:1', probes: { startup: { tcp: { port: 4317 } } } }]),
    },
  ],
  invalid: [
    {
      name: 'TCP liveness',
      mutate: (t) => (t.services[1].probes = { liveness: { tcp: {} } }),
      path: 'services[1].probes.liveness.tcp',
      message: /no TCP liveness/,
    },
    {
      name: 'no action',
      mutate: (t) => (t.services[1].probes = { startup: { periodSeconds: 5 } }),
      path: 'services[1].probes.startup',
      message: /has none/,
    },
    {
      name: 'two actions',
      mutate: (t) => (t.services[1].probes = { startup: { http: { path: '/' }, tcp: {} } }),
      path: 'services[1].probes.startup',
      message: /http and tcp/,
    },
    {
      name: 'startup period above 240',
      mutate: (t) => (t.services[1].probes = { startup: { tcp: {}, periodSeconds: 300 } }),
      path: 'services[1].probes.startup.periodSeconds',
      message: /240/,
    },
    {
      name: 'period below timeout',
      mutate: (t) => (t.services[1].probes = { liveness: { http: { path: '/' }, periodSeconds: 5, timeoutSeconds: 10 } }),
      path: 'services[1].probes.liveness.periodSeconds',
    },
    {
      name: 'startupProbe beside probes.startup',
      mutate: (t) => (t.services[0].probes = { startup: { tcp: {} } }),
      path: 'services[0].startupProbe',
      message: /both/,
    },
    {
      name: "a sidecar's liveness over TCP",
      mutate: (t) => (t.services[1].sidecars = [{ name: 'otel', image: 'o:1', probes: { liveness: { tcp: { port: 4317 } } } }]),
      path: 'services[1].sidecars[0].probes.liveness.tcp',
    },
  ],
});
