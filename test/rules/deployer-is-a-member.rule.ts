import { deployerIsAMember } from '../../src/rules/deployer-is-a-member';
import { describeRule } from '../helpers/rule-cases';

const deployer = (member: string) => (t: any) => {
  t.delivery = { deployer: member };
};

describeRule(deployerIsAMember, {
  valid: [
    { name: 'no deployer', mutate: () => undefined },
    { name: 'a service account', mutate: deployer('serviceAccount:deployer@acme-prod.iam.gserviceaccount.com') },
    { name: 'a user', mutate: deployer('user:alice@acme.example') },
    { name: 'a group', mutate: deployer('group:platform@acme.example') },
  ],
  invalid: [
    {
      name: 'a bare email',
      mutate: deployer('deployer@acme-prod.iam.gserviceaccount.com'),
      path: 'delivery.deployer',
      message: /not an IAM member/,
    },
    {
      name: 'an unsupported member type',
      mutate: deployer('domain:acme.example'),
      path: 'delivery.deployer',
      message: /not an IAM member/,
    },
    { name: 'allUsers', mutate: deployer('allUsers'), path: 'delivery.deployer' },
    {
      name: 'a service account that is not one',
      mutate: deployer('serviceAccount:alice@acme.example'),
      path: 'delivery.deployer',
      message: /gserviceaccount/,
    },
  ],
});
