import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/** The settings of a load balancer's frontend, which live where its mode puts the frontend. */
const FRONTEND_SETTINGS = ['address', 'http', 'https'] as const;

/**
 * Load balancer settings live where the mode puts the load balancer. Per service (`per-service`): each service's
 * `loadBalancer.address`, `http`, `https`. Shared: one address, listener set and certificate serve every service, so
 * they are `loadBalancing.address`, `http`, `https`, and a service's own would be ignored. A per-service address pin
 * does not carry over to shared mode: the shared load balancer has one address of its own (pin it with
 * `loadBalancing.address`), and callers keep their URLs because they use DNS names. `services[].loadBalancer: {}`
 * keeps its meaning in both modes: the service is behind a load balancer even when nothing in the topology calls it.
 * @see https://cloud.google.com/load-balancing/docs/l7-internal/setting-up-l7-internal-serverless
 */
export const lbSettingsMatchMode = defineRule({
  id: 'lb-settings-match-mode',
  severity: 'error',
  summary: "Load balancer settings sit where `loadBalancing.mode` puts the load balancer: each service's, or the shared one's.",
  check(model: TopologyModel): Problem[] {
    const problems: Problem[] = [];
    const given = model.spec.loadBalancing;
    if (model.loadBalancing.mode === 'shared') {
      for (const s of model.services) {
        const lb = model.spec.services[s.index].loadBalancer;
        for (const key of FRONTEND_SETTINGS.filter((k) => lb?.[k] !== undefined)) {
          problems.push({
            path: `${s.path}.loadBalancer.${key}`,
            message: `${quoted(s.name)} is behind the shared load balancer (loadBalancing.mode: shared), whose ${key} is the same for every service`,
            fix: `move it to loadBalancing.${key} (for all services), or remove ${s.path}.loadBalancer.${key}`,
          });
        }
      }
      return problems;
    }
    for (const key of [...FRONTEND_SETTINGS, 'name'] as const) {
      if (given?.[key] === undefined) continue;
      problems.push({
        path: `loadBalancing.${key}`,
        message: `loadBalancing.${key} configures the shared load balancer, but each service has its own (mode: per-service)`,
        fix:
          key === 'name'
            ? 'set loadBalancing.mode: shared, or remove loadBalancing.name'
            : `set loadBalancing.mode: shared, or move it to each service's loadBalancer.${key}`,
      });
    }
    return problems;
  },
});
