import { volumeMountsNameVolumes } from '../../src/rules/volume-mounts-name-volumes';
import { describeRule } from '../helpers/rule-cases';

const cache = { name: 'cache', inMemory: { sizeLimit: '256Mi' } };

describeRule(volumeMountsNameVolumes, {
  valid: [
    {
      name: 'a mounted in-memory volume',
      mutate: (t) => Object.assign(t.services[1], { volumes: [cache], volumeMounts: [{ volume: 'cache', path: '/cache' }] }),
    },
    {
      name: 'a secret volume mounted by a sidecar',
      mutate: (t) =>
        Object.assign(t.services[1], {
          volumes: [{ name: 'tls', secret: { secret: 'tls-key' } }],
          sidecars: [{ name: 'proxy', image: 'p:1', volumeMounts: [{ volume: 'tls', path: '/etc/tls' }] }],
        }),
    },
  ],
  invalid: [
    {
      name: 'an undeclared volume',
      mutate: (t) => (t.services[1].volumeMounts = [{ volume: 'cache', path: '/cache' }]),
      path: 'services[1].volumeMounts[0].volume',
    },
    {
      name: 'a mount under /proc',
      mutate: (t) => Object.assign(t.services[1], { volumes: [cache], volumeMounts: [{ volume: 'cache', path: '/proc/x' }] }),
      path: 'services[1].volumeMounts[0].path',
    },
    { name: 'two volumes of one name', mutate: (t) => (t.services[1].volumes = [cache, cache]), path: 'services[1].volumes[1].name' },
    {
      name: 'a volume with no source',
      mutate: (t) => (t.services[1].volumes = [{ name: 'x' }]),
      path: 'services[1].volumes[0]',
      message: /has none/,
    },
    {
      name: 'a volume with two sources',
      mutate: (t) => (t.services[1].volumes = [{ name: 'x', inMemory: {}, nfs: { server: '10.0.0.2', path: '/s' } }]),
      path: 'services[1].volumes[0]',
    },
  ],
});
