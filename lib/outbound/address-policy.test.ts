import { describe, expect, it } from 'vitest';
import { refusalForAddress, refusalForHost } from './address-policy';

const privateAddresses = [
  '127.0.0.1',
  '127.8.9.10',
  '10.1.2.3',
  '172.16.0.1',
  '172.31.255.255',
  '192.168.1.1',
  '100.64.0.1',
  '100.127.255.254',
  '169.254.1.1',
  '::1',
  'fc00::1',
  'fd12:3456::1',
  'fe80::1',
  'febf::1',
  'fe80::1%eth0',
  '::ffff:127.0.0.1',
  '::ffff:10.0.0.1',
  '::ffff:c0a8:101',
];

const specialAddresses = [
  '0.0.0.0',
  '0.1.2.3',
  '::',
  '255.255.255.255',
  '224.0.0.1',
  'ff02::1',
  '192.0.2.1',
  '198.51.100.7',
  '198.18.0.1',
  '240.0.0.1',
  '2001:db8::1',
  '2002:7f00:1::', // 6to4 around 127.0.0.1
  '64:ff9b::7f00:1', // NAT64 around 127.0.0.1
  '64:ff9b:1::a00:1',
  '2001::1', // Teredo
  '100::1',
  'not an address',
];

const metadataAddresses = [
  '169.254.169.254',
  '::ffff:169.254.169.254',
  '169.254.170.2',
  'fd00:ec2::254',
  'fd00:ec2:0:0:0:0:0:254',
  '100.100.100.200',
  '168.63.129.16',
];

describe('refusalForAddress', () => {
  it('lets public addresses through', () => {
    for (const address of ['8.8.8.8', '93.184.216.34', '172.32.0.1', '2606:4700::1111'])
      expect(refusalForAddress(address, false), address).toBeNull();
    expect(refusalForAddress('::ffff:8.8.8.8', false)).toBeNull();
  });

  it.each(privateAddresses)('refuses %s, unless private targets are allowed', (address) => {
    expect(refusalForAddress(address, false)).toBe('private');
    expect(refusalForAddress(address, true)).toBeNull();
  });

  it.each(specialAddresses)('refuses %s whatever the setting', (address) => {
    expect(refusalForAddress(address, false)).toBe('special');
    expect(refusalForAddress(address, true)).toBe('special');
  });

  it.each(metadataAddresses)('refuses the metadata address %s whatever the setting', (address) => {
    expect(refusalForAddress(address, false)).toBe('metadata');
    expect(refusalForAddress(address, true)).toBe('metadata');
  });
});

describe('refusalForHost', () => {
  it('judges literals by their address, brackets and all', () => {
    expect(refusalForHost('[::1]', false)).toBe('private');
    expect(refusalForHost('[::ffff:7f00:1]', false)).toBe('private');
    expect(refusalForHost('[fd00:ec2::254]', true)).toBe('metadata');
    expect(refusalForHost('8.8.8.8', false)).toBeNull();
  });

  it('refuses metadata names always and local names unless allowed', () => {
    for (const name of ['metadata.google.internal', 'METADATA.GOOGLE.INTERNAL.', 'metadata'])
      expect(refusalForHost(name, true), name).toBe('metadata');
    for (const name of ['localhost', 'app.localhost', 'printer.local', 'db.internal', 'router']) {
      expect(refusalForHost(name, false), name).toBe('private');
      expect(refusalForHost(name, true), name).toBeNull();
    }
  });

  it('leaves other names to the connect-time check', () => {
    expect(refusalForHost('hooks.example.com', false)).toBeNull();
    expect(refusalForHost('', true)).toBe('special');
  });
});
