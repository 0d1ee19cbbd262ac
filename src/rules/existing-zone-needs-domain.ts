import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/** Records go to an existing zone under `dns.domain`: without it there are no names to add, and the zone is unused. */
export const existingZoneNeedsDomain = defineRule({
  id: 'existing-zone-needs-domain',
  severity: 'error',
  summary: 'An existing DNS zone (`dns.zone.existing`) needs `dns.domain`, its DNS name, for the records runnel adds.',
  check(model: TopologyModel): Problem[] {
    if (!model.dns?.existingZone || model.dns.domain !== undefined) return [];
    return [
      {
        path: 'dns.zone.existing',
        message: `zone ${quoted(model.dns.existingZone.name)} is named, but dns.domain (its DNS name) is not set`,
        fix: `set dns.domain to the zone's DNS name (gcloud dns managed-zones describe ${model.dns.existingZone.name} --project ${model.dns.existingZone.project} --format="value(dnsName)")`,
      },
    ];
  },
});
