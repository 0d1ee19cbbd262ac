import { Construct } from 'constructs';
import { RunnelChart } from '../delivery/runnel-chart';
import { outputPath } from '../names';

/**
 * The topology's output files: one chart per path, made on first use, so every step that puts objects in a file
 * (the network's, the DNS zone's, a host project's grants) adds them to the same chart, in the order the steps run.
 */
export class TopologyFiles {
  private readonly charts = new Map<string, RunnelChart>();
  private readonly hosted = new Set<RunnelChart>();

  /**
   * @param scope where the charts are made
   * @param project the service project: its files are `config-connector/<file>`; other projects' (a Shared VPC
   *   host's) are `host-<project>/<file>`, which their owners review and apply with their own credentials
   */
  constructor(
    private readonly scope: Construct,
    private readonly project: string,
  ) {}

  /** The chart of `file` in `project`'s folder. */
  public of(project: string, file: string): RunnelChart {
    if (project === this.project) return this.at(outputPath.configConnector(file));
    const chart = this.at(outputPath.host(project, file));
    this.hosted.add(chart);
    return chart;
  }

  /** The chart of the file at `path` inside the output folder. */
  public at(path: string): RunnelChart {
    let chart = this.charts.get(path);
    if (!chart) {
      chart = new RunnelChart(this.scope, path.replace(/\//g, '-').replace(/\.yaml$/, ''), { outputPath: path });
      this.charts.set(path, chart);
    }
    return chart;
  }

  /** The charts of other projects' folders: what their owners apply, not the service project. */
  public hostCharts(): readonly RunnelChart[] {
    return [...this.hosted];
  }
}
