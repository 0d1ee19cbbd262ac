import { Chart } from 'cdk8s';
import { Construct } from 'constructs';

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
}
