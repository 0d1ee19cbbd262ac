import { SubnetRole } from '../names';
import { Subnet } from '../network/subnet';

/** The subnets the topology needs in one region, by role. */
export class Subnets {
  constructor(private readonly byRole: ReadonlyMap<SubnetRole, Subnet>) {}

  /** The subnet of `role`; the model builds every subnet something uses, so a missing one is a runnel bug. */
  public get(role: SubnetRole): Subnet {
    const subnet = this.byRole.get(role);
    if (!subnet) throw new Error(`runnel bug: the ${role} subnet is used but was not built (SubnetModel.needed)`);
    return subnet;
  }
}
