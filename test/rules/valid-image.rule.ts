import { imageProblem, validImage } from '../../src/rules/valid-image';
import { describeRule } from '../helpers/rule-cases';

const digest = `sha256:${'a1'.repeat(32)}`;

describeRule(validImage, {
  valid: [
    { name: 'Artifact Registry with a tag', mutate: () => undefined },
    {
      name: 'a tag and a digest',
      mutate: (t) => {
        t.services[0].image = `asia-northeast1-docker.pkg.dev/acme-prod/run/client:1.4.2@${digest}`;
      },
    },
    {
      name: 'a Docker Hub short name',
      mutate: (t) => {
        t.services[0].image = 'nginx';
      },
    },
  ],
  invalid: [
    {
      name: 'a shell substitution',
      mutate: (t) => {
        t.services[0].image = 'gcr.io/x/$(whoami)';
      },
      path: 'services[0].image',
      message: /not a container image reference/,
    },
    {
      name: 'a newline',
      mutate: (t) => {
        t.services[1].image = 'gcr.io/x/app:1\n# injected';
      },
      path: 'services[1].image',
    },
    {
      name: 'a short digest',
      mutate: (t) => {
        t.services[0].image = 'gcr.io/x/app@sha256:abc';
      },
      path: 'services[0].image',
      message: /digest/,
    },
  ],
});

test.each([
  ['gcr.io/acme/app', true],
  ['localhost:5000/app:dev', true],
  ['us-docker.pkg.dev/acme-prod/run/api_v2:2024.01.01-rc.1', true],
  [`gcr.io/acme/app@${digest}`, true],
  ['docker.io/library/redis:7.2', true],
  ['gcr.io/Acme/app', false], // a path in capitals
  ['gcr.io/acme/app:', false],
  ['gcr.io/acme/app:-bad', false],
  [`gcr.io/acme/app:${'t'.repeat(129)}`, false],
  ['gcr.io//app', false],
  ['gcr.io/acme/app@sha512:abc', false],
  [`gcr.io/acme/app@sha256:${'A'.repeat(64)}`, false],
  ['gcr.io/acme/app latest', false],
  [`gcr.io/${'a'.repeat(250)}`, false],
])('%s is an image reference: %s', (image, ok) => {
  expect(imageProblem(image) === undefined).toBe(ok);
});
