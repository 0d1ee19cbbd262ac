import { Construct } from 'constructs';

export interface PlainFileProps {
  /** Path of the file inside the output folder, e.g. `cloud-run-iam/server-service.yaml`. */
  readonly outputPath: string;
  /** The whole content, made when the output is rendered (so it sees the finished topology). */
  readonly render: () => string;
}

/**
 * An output file that is not a Kubernetes manifest (an IAM policy for `gcloud ... set-iam-policy`, the topology
 * diagram). It holds no Kubernetes objects, so neither `kubectl` nor CRD validation ever takes it for one.
 */
export class PlainFile extends Construct {
  public static isPlainFile(x: unknown): x is PlainFile {
    return x instanceof PlainFile;
  }

  public readonly outputPath: string;
  private readonly render: () => string;

  constructor(scope: Construct, id: string, props: PlainFileProps) {
    super(scope, id);
    this.outputPath = props.outputPath;
    this.render = props.render;
  }

  /** @internal */
  public _render(): string {
    return this.render();
  }
}
