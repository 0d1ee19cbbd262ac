import { existingZoneNeedsDomain } from '../../src/rules/existing-zone-needs-domain';
import { describeRule } from '../helpers/rule-cases';

describeRule(existingZoneNeedsDomain, {
  valid: [
    { name: 'no DNS', mutate: () => undefined },
    {
      name: 'existing zone with its domain',
      mutate: (t) => (t.dns = { domain: 'internal.acme.example', zone: { existing: 'projects/acme-prod/managedZones/internal' } }),
    },
    { name: 'created zone', mutate: (t) => (t.dns = { domain: 'internal.acme.example' }) },
  ],
  invalid: [
    {
      name: 'existing zone without a domain',
      mutate: (t) => (t.dns = { zone: { existing: 'projects/acme-prod/managedZones/internal' } }),
      path: 'dns.zone.existing',
    },
  ],
});
