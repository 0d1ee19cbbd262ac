import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';
import { containersOf } from '../model/containers';
import { ProbeSpec } from '../input/service-settings';
import { DEFAULTS } from '../defaults';

/** Startup probes wait at most 240 s per step; liveness probes 3600 s (the schema's bound). */
const STARTUP_MAX_SECONDS = 240;

/**
 * Probes Cloud Run accepts: exactly one of HTTP, TCP and gRPC; no TCP liveness probe (liveness is HTTP or gRPC);
 * a startup probe's initialDelaySeconds, periodSeconds and timeoutSeconds at most 240; periodSeconds not below
 * timeoutSeconds (defaults 10 and 1). Also refuses the deprecated `startupProbe` beside `probes.startup`.
 * @see https://cloud.google.com/run/docs/configuring/healthchecks
 * @see https://cloud.google.com/run/docs/reference/rest/v2/Container#probe
 */
export const probeLimits = defineRule({
  id: 'probe-limits',
  severity: 'error',
  summary: 'Each probe is one of HTTP, TCP (startup only) and gRPC, within the limits Cloud Run takes.',
  check(model: TopologyModel): Problem[] {
    const problems: Problem[] = [];
    for (const s of model.services) {
      if (s.startupProbeTwice) {
        problems.push({
          path: `${s.path}.startupProbe`,
          message: `${quoted(s.name)} sets both startupProbe (deprecated) and probes.startup`,
          fix: `remove ${s.path}.startupProbe and keep ${s.path}.probes.startup`,
        });
      }
      for (const c of containersOf(s)) {
        const startup = c.settings.probes?.startup;
        const liveness = c.settings.probes?.liveness;
        // The ingress container's startup probe may come from the deprecated alias: report it where it was written.
        const startupPath = c.ingress ? `${s.path}.${s.startupProbePath}` : `${c.path}.probes.startup`;
        if (startup) problems.push(...check(startup, startupPath, 'startup', c.ingress && s.startupProbePath === 'startupProbe'));
        if (liveness) problems.push(...check(liveness, `${c.path}.probes.liveness`, 'liveness', false));
      }
    }
    return problems;
  },
});

function check(p: ProbeSpec, path: string, kind: 'startup' | 'liveness', alias: boolean): Problem[] {
  const problems: Problem[] = [];
  const actions = (['http', 'tcp', 'grpc'] as const).filter((a) => p[a] !== undefined);
  if (actions.length !== 1) {
    problems.push({
      path,
      message: `a ${kind} probe needs exactly one of http, tcp and grpc, and has ${actions.length ? actions.join(' and ') : 'none'}`,
      fix: `keep one of ${path}.http, ${path}.tcp and ${path}.grpc, e.g. http: {path: /ready}`,
    });
  }
  if (kind === 'liveness' && p.tcp) {
    problems.push({
      path: `${path}.tcp`,
      message: 'Cloud Run has no TCP liveness probe (liveness probes are HTTP or gRPC)',
      fix: `replace ${path}.tcp with http: {path: /healthz} or grpc: {}`,
    });
  }
  if (kind === 'startup') {
    for (const field of ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds'] as const) {
      const value = p[field];
      if (value !== undefined && value > STARTUP_MAX_SECONDS) {
        problems.push({
          path: `${path}.${field}`,
          message: `${field} ${value} is above the ${STARTUP_MAX_SECONDS} seconds Cloud Run allows in a startup probe`,
          fix: `set ${path}.${field} to ${STARTUP_MAX_SECONDS} or less (raise failureThreshold to wait longer)`,
        });
      }
    }
  }
  const period = p.periodSeconds ?? DEFAULTS.probe.periodSeconds;
  const timeout = p.timeoutSeconds ?? DEFAULTS.probe.timeoutSeconds;
  if (!alias && period < timeout) {
    problems.push({
      path: `${path}.periodSeconds`,
      message: `periodSeconds ${period} is below timeoutSeconds ${timeout}: an attempt may not outlast the period`,
      fix: `set ${path}.periodSeconds to ${timeout} or more, or lower ${path}.timeoutSeconds`,
    });
  }
  return problems;
}
