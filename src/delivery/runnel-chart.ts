import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { isGcloudFile } from '../names';

export interface RunnelChartProps {
  /** Path of the chart's file inside the output folder, e.g. `config-connector/network.yaml`. */
  readonly outputPath: string;
}

/** A chart that knows which file it renders to, so the output layout is stable and reviewable. */
export class RunnelChart extends Chart {
  public static isRunnelChart(x: unknown): x is RunnelChart {
    return x instanceof RunnelChart;
  }

  public readonly outputPath: string;

  constructor(scope: Construct, id: string, props: RunnelChartProps) {
    // Names are always given explicitly; never let cdk8s derive hashed ones.
    super(scope, id, { disableResourceNameHashes: true });
    this.outputPath = props.outputPath;
  }

  /**
   * A chart of a file gcloud applies (Knative mode's services, `isGcloudFile`) renders to nothing in a cdk8s
   * synthesis (`app.synth()`, `app.synthYaml()`, `chart.toJson()`): its objects are not for the cluster a cdk8s app's
   * output is applied to (a Config Connector cluster serves no Knative CRD), just as `runnel synth` keeps them out of
   * dist/. `topologyFiles()` gives them; runnel's own rendering (`renderFiles`) renders their objects directly.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- cdk8s Chart.toJson() signature
  public toJson(): any[] {
    return isGcloudFile(this.outputPath) ? [] : super.toJson();
  }
}
