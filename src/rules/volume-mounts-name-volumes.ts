import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';
import { containersOf } from '../model/containers';

const KINDS = ['secret', 'inMemory', 'cloudStorage', 'nfs'] as const;

/** Cloud Run refuses mounts at these paths or under them. https://cloud.google.com/run/docs/configuring/services/nfs-volume-mounts#disallowed-paths */
const DISALLOWED = ['/dev', '/proc', '/sys'];

/**
 * Volumes have distinct names and exactly one source (secret, in-memory, Cloud Storage, NFS); every mount names a
 * volume of the service, at a path Cloud Run allows (not /dev, /proc, /sys or under them), once per container.
 * @see https://cloud.google.com/run/docs/reference/rest/v2/Container (volumeMounts)
 * @see https://cloud.google.com/run/docs/configuring/services/in-memory-volume-mounts
 */
export const volumeMountsNameVolumes = defineRule({
  id: 'volume-mounts-name-volumes',
  severity: 'error',
  summary: 'Volumes have distinct names and one source each; every mount names a volume, at an allowed path.',
  check(model: TopologyModel): Problem[] {
    const problems: Problem[] = [];
    for (const s of model.services) {
      const volumes = s.settings.volumes ?? [];
      const names = new Set<string>();
      volumes.forEach((v, i) => {
        const path = `${s.path}.volumes[${i}]`;
        if (names.has(v.name)) {
          problems.push({
            path: `${path}.name`,
            message: `volume name ${quoted(v.name)} is used twice in ${quoted(s.name)}`,
            fix: `rename ${path}.name`,
          });
        }
        names.add(v.name);
        const kinds = KINDS.filter((k) => v[k] !== undefined);
        if (kinds.length !== 1) {
          problems.push({
            path,
            message: `volume ${quoted(v.name)} needs exactly one of ${KINDS.join(', ')}, and has ${kinds.length ? kinds.join(' and ') : 'none'}`,
            fix: `keep one source in ${path}, e.g. inMemory: {sizeLimit: 256Mi}`,
          });
        }
      });
      for (const c of containersOf(s)) {
        const paths = new Set<string>();
        (c.settings.volumeMounts ?? []).forEach((m, i) => {
          const path = `${c.path}.volumeMounts[${i}]`;
          if (!names.has(m.volume)) {
            problems.push({
              path: `${path}.volume`,
              message: `mount names volume ${quoted(m.volume)}, which is not in ${s.path}.volumes`,
              fix: `add a volume named ${quoted(m.volume)} to ${s.path}.volumes, or mount one that exists`,
            });
          }
          const clean = m.path.replace(/\/+$/, '') || '/';
          if (DISALLOWED.some((d) => clean === d || clean.startsWith(`${d}/`))) {
            problems.push({
              path: `${path}.path`,
              message: `mount path ${JSON.stringify(m.path)} is under /dev, /proc or /sys, where Cloud Run mounts nothing`,
              fix: `mount at another path, e.g. /mnt/${m.volume}`,
            });
          }
          if (paths.has(clean)) {
            problems.push({
              path: `${path}.path`,
              message: `mount path ${JSON.stringify(m.path)} is used twice in one container`,
              fix: `mount at another path`,
            });
          }
          paths.add(clean);
        });
      }
    }
    return problems;
  },
});
