import { Problem } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/*
 * The container image reference grammar of the distribution project (what Docker, Artifact Registry and Cloud Run
 * parse): [registry[:port]/]path[:tag][@digest]. Path components are lowercase letters and digits joined by `.`, `_`,
 * `__` or hyphens; a tag is up to 128 word characters, dots and hyphens, not starting with either; the name is at
 * most 255 characters. runnel takes only sha256 digests, 64 lowercase hex digits.
 * @see https://github.com/distribution/reference/blob/main/reference.go
 * @see https://cloud.google.com/run/docs/deploying#images
 */
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*(?::[0-9]+)?)`;
const PATH_COMPONENT = '(?:[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)';
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const IMAGE = new RegExp(`^(${NAME})(?::([\\w][\\w.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$`);
const NAME_MAX = 255;

/** What is wrong with an image reference, or undefined when it follows the grammar. */
export function imageProblem(image: string): string | undefined {
  const match = IMAGE.exec(image);
  if (!match) {
    const digest = /@([^@]*)$/.exec(image)?.[1];
    if (digest !== undefined && !/^sha256:[a-f0-9]{64}$/.test(digest)) {
      return `${JSON.stringify(image)} has a digest that is not sha256: followed by 64 lowercase hex digits`;
    }
    return `${JSON.stringify(image)} is not a container image reference (registry/path[:tag][@sha256:<64 hex digits>], path in lowercase)`;
  }
  if (match[1].length > NAME_MAX)
    return `the image name of ${JSON.stringify(image)} is ${match[1].length} characters, more than ${NAME_MAX}`;
  return undefined;
}

export const validImage = defineRule({
  id: 'valid-image',
  severity: 'error',
  summary: 'Every image is a container image reference: registry/path[:tag][@sha256:<64 hex digits>].',
  check(model: TopologyModel): Problem[] {
    return model.services.flatMap((s) => {
      const problem = imageProblem(s.image);
      return problem
        ? [
            {
              path: `${s.path}.image`,
              message: problem,
              fix: 'write the image as in `docker pull`, e.g. asia-northeast1-docker.pkg.dev/acme-prod/run/api:1.0.0 (optionally @sha256:<digest>)',
            },
          ]
        : [];
    });
  },
});
