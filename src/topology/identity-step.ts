import { DEFAULTS } from '../defaults';
import { Grantee } from '../iam/iam-grant';
import { ServiceAccount } from '../iam/service-account';
import { ServiceModel, TopologyModel } from '../model/model';
import { grantName } from '../names';
import { ISecret, Secret } from '../secrets/secret';
import { TopologyFiles } from './files';
import { kccScopeOf } from './network-step';

/** A service's account as object names take it: the ID of the account runnel creates, or the existing one's email. */
export function accountKeyOf(s: ServiceModel): string {
  return s.accountId ?? s.serviceAccount;
}

/**
 * `Cloud Run service api`, or for a shared account `Cloud Run services api, web`, cut to the 100 characters a
 * display name may have (https://cloud.google.com/iam/docs/reference/rest/v1/projects.serviceAccounts, displayName).
 */
function accountDisplayName(services: readonly string[]): string {
  if (services.length === 1) return `Cloud Run service ${services[0]}`;
  let shown = services.length;
  const text = (n: number) =>
    `Cloud Run services ${services.slice(0, n).join(', ')}${n < services.length ? ` and ${services.length - n} more` : ''}`;
  while (shown > 1 && text(shown).length > 100) shown--;
  return text(shown);
}

/** The services running as each account runnel creates, in file order. */
function accountUsers(model: TopologyModel): Map<string, string[]> {
  const users = new Map<string, string[]>();
  for (const s of model.services) {
    if (s.accountId === undefined) continue;
    const list = users.get(s.accountId);
    if (list) list.push(s.name);
    else users.set(s.accountId, [s.name]);
  }
  return users;
}

/** The identities the services run as. */
export class Identities {
  constructor(private readonly accounts: ReadonlyMap<string, ServiceAccount>) {}

  /** What service `s` runs as: the account runnel creates for it (referenced), or an existing one by email. */
  public accountOf(s: ServiceModel): ServiceAccount | string {
    return (s.accountId !== undefined ? this.accounts.get(s.accountId) : undefined) ?? s.serviceAccount;
  }

  /** Who service `s` is in IAM grants. */
  public granteeOf(s: ServiceModel): Grantee {
    const account = this.accountOf(s);
    return typeof account === 'string' ? `serviceAccount:${account}` : account;
  }
}

/** The secrets runnel creates (`secrets:`), by ID, in `secrets.yaml`. */
export function buildSecrets(files: TopologyFiles, model: TopologyModel): ReadonlyMap<string, Secret> {
  const secrets = new Map<string, Secret>();
  for (const secret of model.secrets) {
    const file = files.of(model.project, 'secrets.yaml');
    secrets.set(secret.name, new Secret(file, `Secret-${secret.name}`, { name: secret.name, ...kccScopeOf(model) }));
  }
  return secrets;
}

/**
 * Each service's identity file: its account, unless it runs as an existing one, created once with the first service
 * that runs as it (services may share one), and the deployer's right to act as it; then the account's read access to
 * the service's secrets, one grant per account and secret, so services sharing an account share its grants.
 */
export function buildIdentities(files: TopologyFiles, model: TopologyModel, secrets: ReadonlyMap<string, Secret>): Identities {
  const kcc = kccScopeOf(model);
  const usersOf = accountUsers(model);
  const accounts = new Map<string, ServiceAccount>();
  const identities = new Identities(accounts);
  const granted = new Set<string>();
  for (const s of model.services) {
    const account = accountKeyOf(s);
    const accountId = s.accountId !== undefined && !accounts.has(s.accountId) ? s.accountId : undefined;
    // Secrets read as variables and those mounted as files alike need secretAccessor.
    const mounted = (s.settings.volumes ?? DEFAULTS.serviceSettings.volumes).flatMap((v) => (v.secret ? [v.secret.secret] : []));
    const read = [...new Set([...Object.values(s.secretEnv).map((ref) => ref.secret), ...mounted])]
      .sort()
      .filter((secret) => !granted.has(grantName.secretAccessor(secret, account)));
    if (accountId === undefined && read.length === 0) continue;
    const file = files.of(model.project, `identity-${s.name}.yaml`);
    if (accountId !== undefined) {
      const displayName = accountDisplayName(usersOf.get(accountId) ?? [s.name]);
      const created = new ServiceAccount(file, 'ServiceAccount', { ...kcc, accountId, displayName });
      accounts.set(accountId, created);
      if (model.delivery.deployer !== undefined) created.grantActAs(model.delivery.deployer);
    }
    for (const secret of read) {
      const name = grantName.secretAccessor(secret, account);
      granted.add(name);
      const target: ISecret = secrets.get(secret) ?? Secret.fromExisting(kcc, secret);
      target.grantAccess(file, identities.granteeOf(s), name);
    }
  }
  return identities;
}
