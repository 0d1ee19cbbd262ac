import { annotationsRunnelOwns } from '../../src/rules/annotations-runnel-owns';
import { describeRule } from '../helpers/rule-cases';

describeRule(annotationsRunnelOwns, {
  valid: [
    {
      name: "the user's own annotations and labels",
      mutate: (t) => Object.assign(t.services[1], { annotations: { 'acme.example/owner': 'payments' }, labels: { team: 'payments' } }),
    },
  ],
  invalid: [
    {
      name: 'ingress',
      mutate: (t) => (t.services[1].annotations = { 'run.googleapis.com/ingress': 'all' }),
      path: 'services[1].annotations',
      message: /run\.googleapis\.com\/ingress/,
    },
    {
      name: 'a connector',
      mutate: (t) => (t.services[1].annotations = { 'run.googleapis.com/vpc-access-connector': 'c' }),
      path: 'services[1].annotations',
    },
    {
      name: 'set by Cloud Run',
      mutate: (t) => (t.services[1].annotations = { 'serving.knative.dev/creator': 'me@acme.example' }),
      path: 'services[1].annotations',
      message: /Cloud Run itself/,
    },
  ],
});
