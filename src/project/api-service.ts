import { Construct } from 'constructs';
import { Service } from '../../imports/serviceusage.cnrm.cloud.google.com';
import { kccMetadata, KccScope } from '../kcc';
import { derivedName } from '../names';

export interface ApiServiceProps extends KccScope {
  /** The API, without `.googleapis.com`: `run`, `compute`... */
  readonly api: string;
}

/**
 * One Google API enabled in the project (`serviceusage.cnrm.cloud.google.com` `Service`), so a fresh project
 * accepts the resources that use it on the first apply. Always abandoned on delete and never pruned: disabling
 * an API would break everything in the project that uses it, runnel's or not.
 * @see https://cloud.google.com/config-connector/docs/reference/resource-docs/serviceusage/service
 */
export class ApiService extends Construct {
  public static readonly KIND = 'Service';
  public readonly resource: Service;

  constructor(scope: Construct, id: string, props: ApiServiceProps) {
    super(scope, id);
    this.resource = new Service(this, 'Resource', {
      metadata: kccMetadata(derivedName.apiService(props.api), { ...props, abandonStateful: true }, { stateful: true }),
      // The project by ID, as the CRD's projectRef.external takes it.
      spec: { projectRef: { external: props.project } },
    });
  }
}
