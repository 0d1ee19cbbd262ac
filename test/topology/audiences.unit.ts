import { RunAnnotation } from '../../src/annotations';
import { all, baseTopology, find, synth } from '../helpers/synth';

// Issue 11 item 9: a caller mints its ID token for the URL it calls; the callee must accept every URL its load
// balancer answers on, and HTTPS closes HTTP unless the topology keeps it.
const withHttps = (http?: boolean) => {
  const t = baseTopology();
  t.dns = { domain: 'internal.acme.example' };
  t.services[1].loadBalancer = { https: { sslCertificate: 'api-cert' }, ...(http === undefined ? {} : { http }) };
  return synth(t).objects;
};
const audiences = (objects: any[]) =>
  JSON.parse(find(objects, 'Service', 'server-service').metadata.annotations[RunAnnotation.CUSTOM_AUDIENCES]);
const ports = (objects: any[]) =>
  all(objects, 'ComputeForwardingRule')
    .map((r) => r.spec.portRange)
    .sort();

describe('custom audiences of a load-balanced service', () => {
  test('HTTP only: its http URL', () => {
    expect(audiences(synth(baseTopology()).objects)).toEqual([expect.stringMatching(/^http:\/\/10\.10\.0\.\d+$/)]);
  });

  test('HTTPS by default closes HTTP: one listener, one URL, one audience', () => {
    const objects = withHttps();
    expect(ports(objects)).toEqual(['443']);
    expect(audiences(objects)).toEqual(['https://server-service.internal.acme.example']);
  });

  test('HTTPS with http: true: both listeners, and a token minted for either URL is accepted', () => {
    const objects = withHttps(true);
    expect(ports(objects)).toEqual(['443', '80']);
    expect(audiences(objects)).toEqual(['https://server-service.internal.acme.example', 'http://server-service.internal.acme.example']);
    // The caller still gets the HTTPS URL.
    const env = find(objects, 'Service', 'client-service').spec.template.spec.containers[0].env;
    expect(env.find((e: any) => e.name === 'SERVER_SERVICE_URL').value).toBe('https://server-service.internal.acme.example');
  });
});
