import { SHAPE_RULE_ID } from '../input/load';
import { MergedEnvironment, splitEnvironments } from '../input/environments';
import { Finding, formatPath, pathSegments } from '../finding';
import { derivedName } from '../names';
import { TopologyModel } from '../model/model';
import { ENVIRONMENT_RULES } from '../rules';
import { EnvironmentResult, run, sortFindings, ValidationResult } from '../check/result';

export type { EnvironmentResult } from '../check/result';
import { EnvironmentModel } from '../check/environment-rule';

/**
 * Validates every environment of a topology as a whole topology, then the rules across environments. A finding in
 * an environment names it (`environment`), and points at the override that wrote the field when there is one
 * (`environments.prod.services[0].image`), else at the shared shape; a finding every environment has alike is
 * reported once, without an environment.
 */
/**
 * @param validateOne the engine's validator of one whole topology (passed in: the engine calls this module, so this
 *   module does not import it back)
 */
export function validateEnvironments(raw: Record<string, unknown>, validateOne: (raw: unknown) => ValidationResult): ValidationResult {
  const split = splitEnvironments(raw);
  const shape: Finding[] = split.problems.map((p) => ({
    ruleId: SHAPE_RULE_ID,
    severity: 'error',
    path: p.path,
    message: p.message,
    fix: p.fix,
    docUrl: `docs/rules/${SHAPE_RULE_ID}.md`,
  }));
  const environments: EnvironmentResult[] = split.environments.map((env) => {
    const result = validateOne(env.topology);
    return {
      name: env.name,
      ...(result.model ? { model: result.model } : {}),
      findings: result.findings.map((f) => relocate(f, env)),
      ...(env.cluster !== undefined ? { cluster: env.cluster } : {}),
      values: env.values,
      peeredWith: env.peeredWith,
    };
  });
  const merged = new Map(split.environments.map((e) => [e.name, e]));
  const resolved = environments.filter((e): e is EnvironmentResult & { model: TopologyModel } => e.model !== undefined);
  const across =
    resolved.length === environments.length && shape.length === 0
      ? ENVIRONMENT_RULES.flatMap((rule) =>
          run(rule, () => rule.check(resolved.map<EnvironmentModel>((e) => ({ name: e.name, model: e.model, peeredWith: e.peeredWith })))),
        ).map((f) => relocateAcross(f, merged))
      : [];
  shape.push(...argoProblems(resolved));
  const ok = shape.length === 0 && across.every((f) => f.severity !== 'error');
  return {
    findings: sortFindings([...shape, ...onceWhenShared(environments), ...across]),
    environments: ok ? environments : environments.map(({ model: _model, ...rest }) => rest),
  };
}

/** The Argo CD Application name label value limit: Argo CD tracks resources by the app name in a label. */
const APPLICATION_NAME_MAX = 63;

/**
 * The ApplicationSet lives in one namespace and generates every environment's Application there, named
 * `<delivery.argocd.name>-<environment>`: the environments must agree on Argo CD's namespace, and each name must fit
 * a label value (Argo CD's default resource tracking puts the Application name in `app.kubernetes.io/instance`).
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/resource_tracking/
 */
function argoProblems(environments: ReadonlyArray<{ name: string; model: TopologyModel }>): Finding[] {
  const out: Finding[] = [];
  const problem = (path: string, message: string, fix: string): Finding => ({
    ruleId: SHAPE_RULE_ID,
    severity: 'error',
    path,
    message,
    fix,
    docUrl: `docs/rules/${SHAPE_RULE_ID}.md`,
  });
  const argo = environments.filter((e) => e.model.delivery.argocd);
  const first = argo[0];
  const names = new Map<string, string>();
  for (const e of argo) {
    const a = e.model.delivery.argocd!;
    const f = first.model.delivery.argocd!;
    // The git generator reads one repository at one revision, under one path.
    for (const field of [
      'generator',
      'project',
      ...(f.generator === 'git' ? (['repoURL', 'targetRevision', 'path'] as const) : []),
    ] as const) {
      if (a[field] !== f[field])
        out.push(
          problem(
            `environments.${e.name}.delivery.argocd.${field}`,
            `environment ${e.name} has delivery.argocd.${field} ${JSON.stringify(a[field])}, environment ${first.name} ${JSON.stringify(f[field])}; one ApplicationSet${f.generator === 'git' ? "'s git generator" : ''} serves them all`,
            `give every environment the same delivery.argocd.${field}`,
          ),
        );
    }
    if (a.namespace !== first.model.delivery.argocd!.namespace)
      out.push(
        problem(
          `environments.${e.name}.delivery.argocd.namespace`,
          `environment ${e.name} runs Argo CD in ${JSON.stringify(a.namespace)}, environment ${first.name} in ${JSON.stringify(first.model.delivery.argocd!.namespace)}; one ApplicationSet generates every environment's Application in one namespace`,
          'give every environment the same delivery.argocd.namespace',
        ),
      );
    const name = derivedName.argoEnvironmentApplication(a.name, e.name);
    if (name.length > APPLICATION_NAME_MAX || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name))
      out.push(
        problem(
          `environments.${e.name}`,
          `the Argo CD Application of environment ${e.name} would be named ${JSON.stringify(name)}, not a lowercase name of at most ${APPLICATION_NAME_MAX} characters`,
          'shorten delivery.argocd.name (or the network name it derives from) or the environment name',
        ),
      );
    const other = names.get(name);
    if (other !== undefined)
      out.push(
        problem(
          `environments.${e.name}`,
          `the Argo CD Application of environment ${e.name} would be named ${JSON.stringify(name)}, like environment ${other}'s`,
          `set a different delivery.argocd.name in environments.${e.name}`,
        ),
      );
    names.set(name, e.name);
  }
  return out;
}

/** A rule across environments writes `environments.<name>.<field of the merged topology>`: point at the file. */
function relocateAcross(f: Finding, environments: ReadonlyMap<string, MergedEnvironment>): Finding {
  const [head, name, ...rest] = pathSegments(f.path);
  const env = head === 'environments' ? environments.get(String(name)) : undefined;
  return env ? relocate({ ...f, path: formatPath(rest) }, env) : f;
}

function relocate(f: Finding, env: MergedEnvironment): Finding {
  const path = env.overridePath(pathSegments(f.path));
  return { ...f, ...(path !== undefined ? { path } : {}), environment: env.name };
}

/** Findings on the shared shape that every environment has alike are one finding, not one per environment. */
function onceWhenShared(environments: readonly EnvironmentResult[]): Finding[] {
  const key = (f: Finding) => JSON.stringify([f.ruleId, f.severity, f.path, f.message, f.fix]);
  const counts = new Map<string, number>();
  for (const e of environments) for (const k of new Set(e.findings.map(key))) counts.set(k, (counts.get(k) ?? 0) + 1);
  const out: Finding[] = [];
  const emitted = new Set<string>();
  for (const e of environments) {
    for (const f of e.findings) {
      const k = key(f);
      if (environments.length > 1 && counts.get(k) === environments.length) {
        if (emitted.has(k)) continue;
        emitted.add(k);
        const { environment: _environment, ...shared } = f;
        out.push(shared);
      } else out.push(f);
    }
  }
  return out;
}
