import { Problem } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/**
 * Shapes of well-known credentials, by what issues them. Each names the kind, never the value.
 * @see https://docs.stripe.com/keys (sk_live_, sk_test_, rk_live_)
 * @see https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/ (ghp_, gho_, ghu_, ghs_, ghr_)
 * @see https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens (github_pat_)
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids (AKIA, ASIA)
 * @see https://api.slack.com/authentication/token-types (xoxb-, xoxp-, xapp-)
 * @see https://cloud.google.com/docs/authentication/api-keys (AIza)
 * @see https://www.rfc-editor.org/rfc/rfc7468 (PEM private key labels)
 */
const KNOWN_SHAPES: ReadonlyArray<readonly [RegExp, string]> = [
  [/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/, 'a PEM private key'],
  [/\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{10,}/, 'a Stripe secret key'],
  [/\bgh[pousr]_[0-9A-Za-z]{30,}/, 'a GitHub token'],
  [/\bgithub_pat_[0-9A-Za-z_]{20,}/, 'a GitHub fine-grained token'],
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, 'an AWS access key ID'],
  [/\bxox[abposr]-[0-9A-Za-z-]{10,}/, 'a Slack token'],
  [/\bxapp-[0-9A-Za-z-]{10,}/, 'a Slack app token'],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, 'a Google API key'],
  [/\bya29\.[0-9A-Za-z_-]{20,}/, 'a Google OAuth access token'],
  [/\bglpat-[0-9A-Za-z_-]{20,}/, 'a GitLab token'],
  [/\beyJ[0-9A-Za-z_-]{8,}\.eyJ[0-9A-Za-z_-]{8,}\.[0-9A-Za-z_-]{8,}/, 'a JSON Web Token'],
  [/^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, 'a URL with a password in it'],
];

/** Bits per character of `text`'s own character frequencies. */
export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  const n = [...text].length;
  let bits = 0;
  for (const count of counts.values()) bits -= (count / n) * Math.log2(count / n);
  return bits;
}

/**
 * A long run of token characters with more than 4.2 bits of entropy per character: random base64 or base62, as API
 * keys and passwords made by generators are. Hex (at most 4 bits a character), words, paths and URLs stay below.
 */
const TOKEN_LIKE = /^[A-Za-z0-9+/=_-]{24,}$/;
const ENTROPY_BITS = 4.2;

/** What kind of secret a value looks like, or undefined. */
export function secretValueKind(value: string): string | undefined {
  for (const [shape, kind] of KNOWN_SHAPES) if (shape.test(value)) return kind;
  if (TOKEN_LIKE.test(value) && shannonEntropy(value) > ENTROPY_BITS) return 'a random token (high entropy)';
  return undefined;
}

/**
 * A literal value that looks like a credential is probably one, whatever the variable is called: it would be in the
 * manifest, in git and in the revision. Heuristic, so a warning; the value itself is never printed.
 * @see https://cloud.google.com/run/docs/configuring/services/secrets
 */
export const secretValueInEnv = defineRule({
  id: 'secret-value-in-env',
  severity: 'warning',
  summary: 'A literal env value that looks like a credential (a known token shape, a private key, high entropy) is flagged.',
  check(model: TopologyModel): Problem[] {
    const problems: Problem[] = [];
    for (const s of model.services) {
      for (const [name, value] of Object.entries(s.env)) {
        const kind = secretValueKind(value);
        if (!kind) continue;
        problems.push({
          path: `${s.path}.env.${name}`,
          message: `the value of ${name} looks like ${kind} (not shown), written literally into the manifest`,
          fix: `if it is a secret, revoke it, store a new one in Secret Manager and reference it under \`${s.path}.secrets.${name}\`; if not, ignore this warning`,
        });
      }
    }
    return problems;
  },
});
