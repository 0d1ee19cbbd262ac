import { backendUserNeedsVpcEgress } from '../../src/rules/backend-user-needs-vpc-egress';
import { describeRule } from '../helpers/rule-cases';

const db = (host: string) => (t: any) => {
  t.backends = [{ name: 'orders-db', endpoint: { host, port: 5432 } }];
};

describeRule(backendUserNeedsVpcEgress, {
  valid: [
    {
      name: 'Direct VPC user of a private endpoint',
      mutate: (t) => {
        db('10.40.0.5')(t);
        t.services[0].uses = ['orders-db'];
      },
    },
    {
      name: 'connector user of a Redis instance',
      mutate: (t) => {
        t.backends = [{ name: 'cache', redis: {}, host: '10.30.0.4' }];
        t.services[0].egress.via = 'connector';
        t.services[0].uses = ['cache'];
      },
    },
    {
      name: 'all-traffic user of a privately used public address',
      mutate: (t) => {
        db('35.1.2.3')(t);
        t.services[0].egress.route = 'all-traffic';
        t.services[0].uses = ['orders-db'];
      },
    },
    {
      name: 'a host name',
      mutate: (t) => {
        db('db.internal.acme.example')(t);
        t.services[0].uses = ['orders-db'];
      },
    },
  ],
  invalid: [
    {
      name: 'no egress',
      mutate: (t) => {
        db('10.40.0.5')(t);
        t.services[1].uses = ['orders-db'];
      },
      path: 'services[1].uses[0]',
      message: /no VPC egress/,
    },
    {
      name: 'via none written out',
      mutate: (t) => {
        db('10.40.0.5')(t);
        t.services[1].egress = { via: 'none' };
        t.services[1].uses = ['orders-db'];
      },
      path: 'services[1].uses[0]',
    },
    {
      name: 'private-ranges-only to a public address',
      mutate: (t) => {
        db('35.1.2.3')(t);
        t.services[0].uses = ['orders-db'];
      },
      path: 'services[0].uses[0]',
      message: /sends it to the internet/,
    },
  ],
});
