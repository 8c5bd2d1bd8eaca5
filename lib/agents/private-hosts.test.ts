import { describe, expect, it } from 'vitest';
import { safeLogoUrl } from './hosts';
import { isPublicHost } from './private-hosts';

const privateLogos = [
  'https://localhost/logo.png',
  'https://LOCALHOST./logo.png',
  'https://printer.local/logo.png',
  'https://metadata.google.internal/logo.png',
  'https://app.localhost/logo.png',
  'https://router/logo.png',
  'https://nas.home.arpa/logo.png',
  'https://127.0.0.1/logo.png',
  'https://127.8.9.10:8443/logo.png',
  'https://2130706433/logo.png', // 127.0.0.1 as one number; the URL parser normalises it
  'https://0x7f.1/logo.png',
  'https://0.0.0.0/logo.png',
  'https://10.1.2.3/logo.png',
  'https://172.16.0.1/logo.png',
  'https://172.31.255.255/logo.png',
  'https://192.168.1.1/logo.png',
  'https://169.254.169.254/latest/meta-data',
  'https://100.64.0.1/logo.png',
  'https://[::1]/logo.png',
  'https://[::]/logo.png',
  'https://[::ffff:127.0.0.1]/logo.png',
  'https://[::ffff:10.0.0.1]/logo.png',
  'https://[fc00::1]/logo.png',
  'https://[fd12:3456::1]/logo.png',
  'https://[fe80::1]/logo.png',
  'https://[febf::1]/logo.png',
  'https://[ff02::1]/logo.png',
  'https://[2002:7f00:1::]/logo.png',
  'https://[64:ff9b::7f00:1]/logo.png', // NAT64 around 127.0.0.1
  'https://[::ffff:7f00:1]/logo.png',
  'https://[fd00:ec2::254]/logo.png',
  'https://198.51.100.7/logo.png', // documentation
  'https://100.100.100.200/logo.png',
];

describe('safeLogoUrl', () => {
  it('lets an https logo on a public host through', () => {
    expect(safeLogoUrl('https://cdn.example.com/logo.png')).toBe(
      'https://cdn.example.com/logo.png',
    );
    expect(safeLogoUrl('https://93.184.216.34/logo.png')).toBe('https://93.184.216.34/logo.png');
    expect(safeLogoUrl('https://172.32.0.1/l.png')).toBe('https://172.32.0.1/l.png');
    expect(safeLogoUrl('https://[2606:4700::1111]/l.png')).toBe('https://[2606:4700::1111]/l.png');
  });

  it.each(privateLogos)('never lets the browser fetch %s', (uri) => {
    expect(safeLogoUrl(uri)).toBeNull();
  });

  it('refuses other schemes, credentials in the URL and garbage', () => {
    for (const uri of [
      'javascript:alert(1)',
      'JavaScript:alert(1)//https://a.example',
      'data:image/svg+xml,<svg onload=alert(1)>',
      'http://a.example/logo.png',
      'file:///etc/passwd',
      'https://user:pass@a.example/logo.png',
      '"><script>alert(1)</script>',
      '',
      null,
      undefined,
    ]) {
      expect(safeLogoUrl(uri), String(uri)).toBeNull();
    }
  });
});

describe('isPublicHost', () => {
  it('tells public names and addresses from private ones', () => {
    expect(isPublicHost('example.com')).toBe(true);
    expect(isPublicHost('8.8.8.8')).toBe(true);
    expect(isPublicHost('[2001:4860:4860::8888]')).toBe(true);
    expect(isPublicHost('192.168.0.10')).toBe(false);
    expect(isPublicHost('[fe80::abcd]')).toBe(false);
    expect(isPublicHost('db.internal')).toBe(false);
    expect(isPublicHost('')).toBe(false);
  });
});
