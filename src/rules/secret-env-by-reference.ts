import { Problem } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/** Words that mark a variable as secret on their own: `DB_PASSWORD`, `API_TOKEN`, `STRIPE_KEY`, `CLIENT_SECRET`. */
const SECRET_WORDS = new Set([
  'PASSWORD',
  'PASSWD',
  'PASS',
  'PWD',
  'TOKEN',
  'KEY',
  'APIKEY',
  'SECRET',
  'SECRETS',
  'CREDENTIALS',
  'CREDENTIAL',
  'PASSPHRASE',
]);

/**
 * Words that mark a secret even glued after anything (`DBPASSWORD`, `AUTHTOKEN`): no ordinary English or technical
 * word ends with them. `TOKEN` leads `TOKENIZER` but ends nothing common; `KEY` and `PASS` do end ordinary words
 * (`MONKEY`, `BYPASS`), so they count glued only after a qualifier below.
 */
const STRONG_SUFFIXES = ['PASSWORD', 'PASSWD', 'PASSPHRASE', 'SECRET', 'TOKEN', 'CREDENTIALS', 'CREDENTIAL', 'APIKEY'];

/** Qualifiers that make a glued `KEY` a secret: `ACCESSKEY`, `SECRETKEY`, `PRIVATEKEY`, `SIGNINGKEY`. */
const KEY_QUALIFIERS = [
  'API',
  'ACCESS',
  'SECRET',
  'PRIVATE',
  'SIGNING',
  'ENCRYPTION',
  'MASTER',
  'AUTH',
  'CLIENT',
  'APP',
  'SERVICE',
  'HMAC',
  'JWT',
  'SSH',
  'LICENSE',
];

/**
 * A variable name's words, upper-cased: split on `_`, `-` and `.`, at camelCase humps (`dbPassword`, `DBPassword`) and
 * between letters and digits (`PASSWORD1`).
 */
export function nameWords(name: string): string[] {
  return name
    .split(/[_\-.]+/)
    .flatMap((part) => part.split(/(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])/))
    .filter((w) => w !== '')
    .map((w) => w.toUpperCase());
}

/** Whether one word, possibly glued (`DBPASSWORD`, `AUTHTOKEN`, `SECRETKEY`), names a secret. */
function secretWord(word: string, previous: string | undefined): boolean {
  if (word === 'KEY' && previous === 'PUBLIC') return false;
  if (SECRET_WORDS.has(word)) return true;
  if (STRONG_SUFFIXES.some((suffix) => word.length > suffix.length && word.endsWith(suffix))) return true;
  return KEY_QUALIFIERS.some((q) => word === `${q}KEY` || (word.endsWith(`${q}KEY`) && word.length > q.length + 3));
}

/** Whether a variable's name says it holds a secret. */
export function looksSecret(name: string): boolean {
  const words = nameWords(name);
  return words.some((w, i) => secretWord(w, words[i - 1]));
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
