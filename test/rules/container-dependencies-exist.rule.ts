import { containerDependenciesExist } from '../../src/rules/container-dependencies-exist';
import { describeRule } from '../helpers/rule-cases';

const sidecar = (name: string, dependsOn?: string[]) => ({
  name,
  image: `us-docker.pkg.dev/acme/${name}:1`,
  ...(dependsOn ? { dependsOn } : {}),
});

describeRule(containerDependenciesExist, {
  valid: [
    {
      name: 'the ingress container waits for a sidecar',
      mutate: (t) => Object.assign(t.services[1], { dependsOn: ['otel'], sidecars: [sidecar('otel')] }),
    },
    {
      name: 'a sidecar waits for the ingress container by its default name',
      mutate: (t) => (t.services[1].sidecars = [sidecar('proxy', ['app'])]),
    },
    { name: 'a chain', mutate: (t) => (t.services[1].sidecars = [sidecar('a', ['b']), sidecar('b')]) },
  ],
  invalid: [
    {
      name: 'an unknown name',
      mutate: (t) => (t.services[1].sidecars = [sidecar('otel', ['collector'])]),
      path: 'services[1].sidecars[0].dependsOn[0]',
      message: /"collector"/,
    },
    { name: 'itself', mutate: (t) => (t.services[1].sidecars = [sidecar('otel', ['otel'])]), path: 'services[1].sidecars[0].dependsOn[0]' },
    {
      name: 'a cycle',
      mutate: (t) => (t.services[1].sidecars = [sidecar('a', ['b']), sidecar('b', ['a'])]),
      path: 'services[1].sidecars[0].dependsOn',
      message: /a -> b -> a/,
    },
    {
      name: 'a sidecar named like the ingress container',
      mutate: (t) => (t.services[1].sidecars = [sidecar('app')]),
      path: 'services[1].sidecars[0].name',
    },
    {
      name: 'the ingress container waits without sidecars',
      mutate: (t) => (t.services[1].dependsOn = ['otel']),
      path: 'services[1].dependsOn[0]',
    },
  ],
});
