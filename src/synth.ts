import { App } from 'cdk8s';
import { renderFiles, RenderedFile } from './output/render';
import { TOPOLOGY_FILE, topologyMarkdown } from './output/topology-diagram';
import { PrivateTopology } from './topology/private-topology';
import { Finding } from './finding';
import { hasErrors, validateTopology } from './check/engine';
import { checkReferences } from './output/references';
import { ServiceManifests } from './input/service-manifest';

export interface SynthResult {
  /** Every finding; when one is an error, `files` is empty. */
  readonly findings: readonly Finding[];
  readonly files: readonly RenderedFile[];
}

/** Findings with the line of the input they point at, when the input came from a file. */
export function locateFindings(findings: readonly Finding[], lineOf?: (path: string) => number | undefined): readonly Finding[] {
  return lineOf ? findings.map((f) => ({ ...f, line: f.line ?? lineOf(f.path) })) : findings;
}

/**
 * Validates a topology and, when it has no errors, renders it. Bad input never throws: it comes back
 * as findings. An exception from here is a runnel bug.
 */
export function synthesizeTopology(
  input: unknown,
  lineOf?: (path: string) => number | undefined,
  manifests?: ServiceManifests,
): SynthResult {
  const { findings, model } = validateTopology(input, manifests);
  const located = locateFindings(findings, lineOf);
  if (hasErrors(located) || !model) return { findings: located, files: [] };

  // Validated once, here: the constructs take the resolved model.
  const app = new App({ outdir: 'unused' });
  new PrivateTopology(app, 'runnel', { model });
  // The diagram is an output pass over the model, beside the manifests (TypeScript users: `topologyMarkdown`).
  const files = [...renderFiles(app), { path: TOPOLOGY_FILE, content: topologyMarkdown(model), objects: [] }].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
  const broken = checkReferences(files.flatMap((f) => f.objects));
  if (broken.length > 0) {
    throw new Error(
      `runnel produced dangling references (a bug):\n${broken.map((p) => `${p.object} ${p.field}: ${p.message}`).join('\n')}`,
    );
  }
  return { findings: located, files };
}
