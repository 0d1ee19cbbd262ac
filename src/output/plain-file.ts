import { Construct } from 'constructs';

export interface PlainFileProps {
  /** Path of the file inside the output folder, e.g. `cloud-run-iam/server-service.yaml`. */
  readonly outputPath: string;
  /** Comment lines written under the header: how the file is applied. */
  readonly comment: readonly string[];
  /** The document, rendered as YAML when the output is rendered. */
  readonly document: () => Record<string, unknown>;
}

/**
 * An output file that is not a Kubernetes manifest (an IAM policy for `gcloud ... set-iam-policy`). It holds no
 * Kubernetes objects, so neither `kubectl` nor CRD validation ever takes it for one.
 */
export class PlainFile extends Construct {
  public static isPlainFile(x: unknown): x is PlainFile {
    return x instanceof PlainFile;
  }

  public readonly outputPath: string;
  public readonly comment: readonly string[];
  private readonly document: () => Record<string, unknown>;

  constructor(scope: Construct, id: string, props: PlainFileProps) {
    super(scope, id);
    this.outputPath = props.outputPath;
    this.comment = props.comment;
    this.document = props.document;
  }

  /** @internal */
  public _render(): Record<string, unknown> {
    return this.document();
  }
}
