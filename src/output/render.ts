import { Manifest } from '../manifest';
import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { toYaml } from '../yaml-emitter';
import { assignSyncWaves, withSyncWavesDeferred } from '../delivery/sync-waves';
import { YAML_HEADER } from '../header';
import { isGcloudFile } from '../names';
import { PlainFile } from '../delivery/plain-file';
import { RunnelChart } from '../delivery/runnel-chart';

/** A rendered manifest file: path inside the output folder, and its YAML. */
export interface RenderedFile {
  readonly path: string;
  readonly content: string;
  readonly objects: ReadonlyArray<Manifest>;
  /**
   * Whether gcloud applies the file, not kubectl (Knative mode's services and invoker policies, `isGcloudFile`): the
   * CLI writes it to the gcloud folder beside the Kubernetes one. Kept when an environment's folder is put in front
   * of `path`, so an environment's name never decides it.
   * @default false
   */
  readonly gcloud?: boolean;
}

export class ConstructValidationError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(`the constructs have ${problems.length} problem(s):\n${problems.join('\n')}`);
    this.name = 'ConstructValidationError';
  }
}

/**
 * Validates every construct under `root`, then renders each RunnelChart to its file, objects in
 * construct order, files sorted by path. Same input, same bytes.
 *
 * Renders each object with `ApiObject.toJson()` rather than `Chart.toJson()`: the latter validates and
 * resolves dependencies across the whole app for every chart, so an app of one chart per service grows
 * quadratically (measured: 1,000 services took 10.7 s, now about linear). runnel declares no construct
 * dependencies, so construct order is the order cdk8s' dependency sort would give; a dependency is refused.
 */
export function renderFiles(root: Construct): RenderedFile[] {
  const all = root.node.findAll();
  // Each object is rendered once: the constructs' sync-wave hooks (setSyncWavesOnSynth) wait for the render below.
  const problems = withSyncWavesDeferred(() => all.flatMap((c) => c.node.validate().map((message) => `${c.node.path}: ${message}`)));
  if (problems.length > 0) throw new ConstructValidationError(problems);
  const dependent = all.find((c) => c.node.dependencies.length > 0);
  if (dependent) throw new Error(`${dependent.node.path} declares a construct dependency, which renderFiles does not order`);

  const charts = all.filter(RunnelChart.isRunnelChart);
  const objectsOf = new Map<Chart, ApiObject[]>(charts.map((c) => [c, []]));
  for (const c of all) {
    if (c instanceof ApiObject) objectsOf.get(Chart.of(c))?.push(c);
  }
  const seen = new Set<string>();
  const json = new Map<ApiObject, Manifest>();
  const rendered = charts.map((chart) => {
    if (seen.has(chart.outputPath)) throw new Error(`two charts render to ${chart.outputPath}`);
    seen.add(chart.outputPath);
    return {
      path: chart.outputPath,
      objects: objectsOf.get(chart)!.map((o) => {
        const j = o.toJson() as Manifest;
        json.set(o, j);
        return j;
      }),
    };
  });
  // Waves depend on the whole output: assigned once every object is rendered, before any is written (the same
  // waves the constructs set in any cdk8s synthesis).
  assignSyncWaves(all, json);
  const files: RenderedFile[] = rendered.map(({ path, objects }) => ({
    path,
    objects,
    content: YAML_HEADER + objects.map((o) => toYaml(o)).join('---\n'),
    ...(isGcloudFile(path) ? { gcloud: true } : {}),
  }));
  for (const file of all.filter(PlainFile.isPlainFile)) {
    if (seen.has(file.outputPath)) throw new Error(`two outputs render to ${file.outputPath}`);
    seen.add(file.outputPath);
    files.push({ path: file.outputPath, content: file._render(), objects: [], ...(isGcloudFile(file.outputPath) ? { gcloud: true } : {}) });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
