import {
  addressAt,
  cidrProblem,
  containsAddress,
  isIpv4Address,
  isPrivate,
  isReservedInSubnet,
  overlaps,
  parseCidr,
  resized,
  usableAddresses,
} from '../../src/cidr';
import { allocateAddresses, derivedAddress, firstFreeAddress } from '../../src/model/addresses';

describe('CIDR math', () => {
  test.each([
    ['10.10.0.0/24', undefined],
    ['10.10.0.1/24', /host bits/],
    ['10.10.0.0', /not an IPv4 range/],
    ['10.300.0.0/16', /not a valid/],
    ['10.0.0.0/33', /not a valid/],
  ])('cidrProblem(%s)', (text, expected) => {
    const problem = cidrProblem(text);
    if (expected) expect(problem).toMatch(expected);
    else expect(problem).toBeUndefined();
  });

  test.each([
    ['10.0.0.0/24', '10.0.0.128/25', true],
    ['10.0.0.0/24', '10.0.1.0/24', false],
    ['10.0.0.0/8', '10.200.0.0/16', true],
  ])('overlaps(%s, %s) = %s', (a, b, expected) => {
    expect(overlaps(parseCidr(a), parseCidr(b))).toBe(expected);
    expect(overlaps(parseCidr(b), parseCidr(a))).toBe(expected);
  });

  test.each([
    ['10.10.4.32/27', 24, '10.10.4.0/24'],
    ['10.10.5.64/26', 23, '10.10.4.0/23'],
    ['10.0.0.8/29', 28, '10.0.0.0/28'],
    ['10.0.0.0/22', 28, '10.0.0.0/28'],
  ])('resized(%s, /%s) = %s, a range without host bits that holds the start', (text, prefix, expected) => {
    expect(resized(parseCidr(text), prefix)).toBe(expected);
    expect(cidrProblem(expected)).toBeUndefined();
    expect(containsAddress(parseCidr(expected), text.split('/')[0])).toBe(true);
  });

  test('private ranges, usable and reserved addresses', () => {
    expect(['10.1.0.0/16', '172.20.0.0/16', '192.168.3.0/24', '100.100.0.0/16'].map((c) => isPrivate(parseCidr(c)))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['8.8.8.0/24', '172.32.0.0/16', '0.0.0.0/0'].map((c) => isPrivate(parseCidr(c)))).toEqual([false, false, false]);
    const r = parseCidr('10.10.0.0/24');
    expect(usableAddresses(r)).toBe(252);
    expect(
      ['10.10.0.0', '10.10.0.1', '10.10.0.2', '10.10.0.253', '10.10.0.254', '10.10.0.255'].map((a) => isReservedInSubnet(r, a)),
    ).toEqual([true, true, false, false, true, true]);
    expect(containsAddress(r, '10.10.1.0')).toBe(false);
    expect(addressAt(r, 255)).toBe('10.10.0.255');
  });
});

describe('load balancer address allocation', () => {
  const range = parseCidr('10.10.0.0/24');
  test('is stable when other services come and go', () => {
    const alone = allocateAddresses(range, [{ name: 'server-service' }]);
    const crowd = allocateAddresses(range, [{ name: 'a' }, { name: 'server-service' }, { name: 'zeta' }]);
    expect(crowd.get('server-service')).toBe(alone.get('server-service'));
  });
  test('keeps pinned addresses, never hands out reserved ones, and never probes past a taken slot', () => {
    const small = parseCidr('10.10.0.0/29'); // 4 usable
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const got = allocateAddresses(small, [{ name: 'p', pinned: '10.10.0.2' }, ...names.map((name) => ({ name }))]);
    expect(got.get('p')).toBe('10.10.0.2');
    for (const n of names) {
      const a = got.get(n)!;
      expect(isReservedInSubnet(small, a)).toBe(false);
      // Each address depends on the name and the range only: alone, it gets the same one.
      expect(allocateAddresses(small, [{ name: n }]).get(n)).toBe(a);
      expect(derivedAddress(small, n)).toBe(a);
    }
    // Eight names in four slots meet: the allocator does not resolve that by moving anyone (a rule refuses it).
    expect(new Set(names.map((n) => got.get(n))).size).toBeLessThan(names.length);
  });
  test('a subnet without usable addresses derives none; the first free address skips taken and reserved ones', () => {
    expect(derivedAddress(parseCidr('10.10.0.0/30'), 'a')).toBeUndefined();
    expect(firstFreeAddress(parseCidr('10.10.0.0/29'), new Set(['10.10.0.2', '10.10.0.4']))).toBe('10.10.0.3');
    expect(firstFreeAddress(parseCidr('10.10.0.0/29'), new Set(['10.10.0.2', '10.10.0.3', '10.10.0.4', '10.10.0.5']))).toBeUndefined();
  });
});

describe('leading zeros are refused everywhere, never read as octal or decimal', () => {
  test.each(['010.0.0.0/8', '10.0.0.0/08', '10.00.0.0/16', '192.168.001.0/24'])('range %s', (text) => {
    expect(cidrProblem(text)).toMatch(/leading zero/);
    expect(() => parseCidr(text)).toThrow(/leading zero/);
  });
  test.each(['010.1.1.1', '10.1.1.01', '00.0.0.0'])('address %s', (text) => {
    expect(isIpv4Address(text)).toBe(false);
  });
  test.each(['0.0.0.0/0', '10.0.0.0/8', '100.64.0.0/10', '10.10.0.0/24'])('zero itself is fine: %s', (text) => {
    expect(cidrProblem(text)).toBeUndefined();
    expect(isIpv4Address(text.split('/')[0])).toBe(true);
  });
});
