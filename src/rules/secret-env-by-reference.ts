import { Problem } from '../validation/finding';
import { defineRule } from '../validation/rule';
import { TopologyModel } from '../topology/model';

/** Name parts that mark a variable as secret: `DB_PASSWORD`, `API_TOKEN`, `STRIPE_KEY`, `CLIENT_SECRET`. */
const SECRET_WORDS = new Set(['PASSWORD', 'PASSWD', 'PASS', 'PWD', 'TOKEN', 'KEY', 'APIKEY', 'SECRET', 'CREDENTIALS', 'CREDENTIAL']);

/** Whether a variable's name says it holds a secret. */
export function looksSecret(name: string): boolean {
  return name.toUpperCase().split('_').some((part) => SECRET_WORDS.has(part));
}

/**
 * A literal value lands in the manifest, in git, in every PR diff and in the revision's configuration, readable
 * by anyone with `run.services.get`. Secrets go in Secret Manager and are referenced.
 * @see https://cloud.google.com/run/docs/configuring/services/secrets
 */
export const secretEnvByReference = defineRule({
  id: 'secret-env-by-reference',
  severity: 'error',
  summary: 'A variable whose name says it is secret (PASSWORD, TOKEN, KEY, SECRET) is read from Secret Manager, never written literally.',
  check(model: TopologyModel): Problem[] {
    const problems: Problem[] = [];
    for (const s of model.services) {
      for (const name of Object.keys(s.env).filter(looksSecret)) {
        const secret = name.toLowerCase().replace(/_/g, '-');
        problems.push({
          path: `${s.path}.env.${name}`,
          message: `${name} looks like a secret but is written literally, so its value would be in the manifest`,
          fix: `store it in Secret Manager and reference it: move it to \`${s.path}.secrets: {${name}: {secret: ${secret}}}\` (declare \`secrets: [{name: ${secret}}]\` to have runnel create the secret)`,
        });
      }
    }
    return problems;
  },
});
