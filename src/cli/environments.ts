import { resolve } from 'node:path';
import { diffJson, diffMarkdown, diffOutputs, formatDiff, OutputFile, ResourceChange } from './diff';
import { committedOutput } from './git-output';
import { hasEnvironments, splitEnvironments } from '../input/environments';
import { hasErrors, ValidationResult } from '../validate/engine';
import { TopologyModel } from '../model/model';
import { Finding } from '../finding';
import { oneLine } from '../check/report';
import { RenderedFile } from '../output/render';
import { synthesizeTopology } from '../synth';

/** The commands' `--env`, `--from` and `--to`: what `runnel` does with a topology's `environments:`. */
export const ENVIRONMENT_OPTIONS_HELP = `  --env NAME        with environments: synth writes only DIR/NAME, diff compares only DIR/NAME (every
                    environment is still validated)`;

export const PROMOTION_HELP = `runnel diff --from ENV --to ENV [GIT_REF]: what promoting ENV's shape to the other would change in
DIR/<to> as committed at GIT_REF (default HEAD), ignoring what differs by design (project, project number,
namespace, the Config Connector account and deployer, and names derived from the project); flags recreates.`;

/** A usage problem with `--env`/`--from`/`--to` for this input, as one line; undefined when there is none. */
export function environmentUsageProblem(input: unknown, names: ReadonlyArray<string | undefined>): string | undefined {
  const given = names.filter((n): n is string => n !== undefined);
  if (given.length === 0) return undefined;
  if (!hasEnvironments(input)) return `the topology declares no environments, so there is no ${JSON.stringify(given[0])}`;
  const known = Object.keys((input as { environments: Record<string, unknown> }).environments ?? {});
  const unknown = given.find((n) => !known.includes(n));
  return unknown === undefined
    ? undefined
    : `no environment ${JSON.stringify(unknown)} in the topology (it has ${known.map((k) => JSON.stringify(k)).join(', ')})`;
}

/** An environment's files, with `<env>/` taken off their paths: the layout of `DIR/<env>/`. */
export function environmentFiles(files: readonly RenderedFile[], environment: string): RenderedFile[] {
  const prefix = `${environment}/`;
  return files.filter((f) => f.path.startsWith(prefix)).map((f) => ({ ...f, path: f.path.slice(prefix.length) }));
}

/** Fields that differ between environments by design: a promotion keeps the target's. */
const IDENTITY_FIELDS = ['project', 'projectNumber', 'namespace'] as const;
const IDENTITY_DELIVERY_FIELDS = ['configConnectorServiceAccount', 'deployer'] as const;

/**
 * The topology `to` would have if it took `from`'s shape: `from`'s merged topology with `to`'s identity (project,
 * project number, namespace, Config Connector account, deployer), and every mention of `from`'s project ID in a
 * value (an image in the project's registry, an account email) pointing at `to`'s project instead.
 */
export function promotedTopology(input: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  const envs = splitEnvironments(input).environments;
  const source = envs.find((e) => e.name === from)!;
  const target = envs.find((e) => e.name === to)!;
  const fromProject = source.topology.project;
  const toProject = target.topology.project;
  const rename = (x: unknown): unknown =>
    typeof x === 'string' && typeof fromProject === 'string' && typeof toProject === 'string'
      ? x.replace(new RegExp(`(?<![a-z0-9-])${fromProject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![a-z0-9-])`, 'g'), toProject)
      : Array.isArray(x)
        ? x.map(rename)
        : isRecord(x)
          ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, rename(v)]))
          : x;
  const shape = rename(source.topology) as Record<string, unknown>;
  for (const field of IDENTITY_FIELDS) {
    if (target.topology[field] === undefined) delete shape[field];
    else shape[field] = target.topology[field];
  }
  const delivery = isRecord(shape.delivery) ? { ...shape.delivery } : {};
  const targetDelivery = isRecord(target.topology.delivery) ? target.topology.delivery : {};
  for (const field of IDENTITY_DELIVERY_FIELDS) {
    if (targetDelivery[field] === undefined) delete delivery[field];
    else delivery[field] = targetDelivery[field];
  }
  if (shape.delivery !== undefined || Object.keys(delivery).length > 0) shape.delivery = delivery;
  // One environment, named as the target: the output has the target's folder layout.
  return { ...shape, environments: { [to]: {} } };
}

export interface PromotionOutcome {
  /** Findings of the promoted topology (staging's shape may not be valid as prod). */
  readonly findings: readonly Finding[];
  /** What promoting changes in the target, when the promoted topology has no errors. */
  readonly changes?: readonly ResourceChange[];
  /** The report in text (`--format text`, the default), json or markdown, when there are changes to report. */
  report(format?: 'text' | 'json' | 'markdown'): string;
}

/**
 * `runnel diff --from A --to B [REF]`: renders A's shape with B's identity and compares it with `DIR/B/` as committed
 * at REF (what Argo CD syncs for B), and with `gcloudOutDir` (Knative mode's files, written beside DIR) `GCLOUD_DIR/B/`,
 * resource by resource, flagging what GCP cannot change in place.
 */
export function promotionDiff(
  input: Record<string, unknown>,
  from: string,
  to: string,
  ref: string,
  outDir: string,
  cwd: string,
  gcloudOutDir?: string,
): PromotionOutcome {
  const result = synthesizeTopology(promotedTopology(input, from, to));
  if (hasErrors(result.findings)) return { findings: result.findings, report: () => '' };
  const before = [
    ...committedOutput(ref, resolve(outDir, to), cwd),
    ...(gcloudOutDir === undefined ? [] : committedOutput(ref, resolve(gcloudOutDir, to), cwd)),
  ];
  const after: OutputFile[] = environmentFiles(result.files, to);
  const changes = diffOutputs(before, after);
  const against = `${oneLine(outDir)}/${oneLine(to)}/ at ${oneLine(ref)}`;
  const promoting = `promoting ${oneLine(from)}'s shape to ${oneLine(to)}`;
  const report = (format: 'text' | 'json' | 'markdown' = 'text') =>
    format === 'json'
      ? diffJson(changes, `${against}, ${promoting}`)
      : format === 'markdown'
        ? diffMarkdown(changes, `${against}, ${promoting}`)
        : formatDiff(changes, against).replace(/^runnel diff: the current synthesis against /, `runnel diff: ${promoting}, against `);
  return { findings: result.findings, changes, report };
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * The model a per-topology command (explain) works on: the topology's own, or with `environments:` the one `--env`
 * names, with the findings that concern it; a string is a usage problem.
 */
export function environmentModel(
  input: unknown,
  validated: Pick<ValidationResult, 'findings' | 'model' | 'environments'>,
  environment: string | undefined,
): string | { findings: readonly Finding[]; model?: TopologyModel } {
  if (!validated.environments) return environment === undefined ? validated : (environmentUsageProblem(input, [environment]) ?? validated);
  const names = validated.environments.map((e) => JSON.stringify(e.name)).join(', ');
  if (environment === undefined) return `the topology has environments (${names}): name one with --env`;
  const chosen = validated.environments.find((e) => e.name === environment);
  if (!chosen) return `no environment ${JSON.stringify(environment)} in the topology (it has ${names})`;
  return { findings: validated.findings.filter((f) => f.environment === undefined || f.environment === environment), model: chosen.model };
}
