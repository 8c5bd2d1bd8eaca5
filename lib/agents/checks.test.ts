import { describe, expect, it } from 'vitest';
import { agentChecks, agentFlags, type CheckedAgent } from './checks';
import { isLocalhostOnly, isLoopback, redirectHosts, safeLogoUrl, siteOf } from './hosts';

const base: CheckedAgent = {
  clientId: 'https://app.helpdeskly.example/oauth/mcp-client.json',
  clientName: 'Helpdeskly',
  registrationMethod: 'cimd',
  clientUri: 'https://helpdeskly.example',
  redirectUris: ['https://eu.helpdeskly.example/cb', 'https://us.helpdeskly.example/cb'],
  grantTypes: ['authorization_code'],
  softwareStatementIss: null,
  contacts: [],
  reuseDetectedAt: null,
  passthroughDetectedAt: null,
};
const byKind = (agent: CheckedAgent) =>
  Object.fromEntries(agentChecks(agent).map((c) => [c.kind, c]));

describe('hosts', () => {
  it('tells loopback redirects, targets and sites apart', () => {
    expect(isLoopback('http://127.0.0.1:33418/callback')).toBe(true);
    expect(isLoopback('http://[::1]/cb')).toBe(true);
    expect(isLoopback('http://localhost:8080/callback')).toBe(true);
    expect(isLoopback('https://localhost.evil.example/cb')).toBe(false);
    expect(isLoopback('not a url')).toBe(false);
    expect(isLocalhostOnly(['http://127.0.0.1/cb', 'http://localhost/cb'])).toBe(true);
    expect(isLocalhostOnly(['http://127.0.0.1/cb', 'forge-ide://oauth/callback'])).toBe(false);
    expect(isLocalhostOnly([])).toBe(false);
    expect(
      redirectHosts(['https://a.example/x', 'https://a.example/y', 'vscode://ext/auth', 'junk']),
    ).toEqual(['a.example', 'vscode://', 'junk']);
    // Loopback ports differ per install and name no one: one host.
    expect(redirectHosts(['http://127.0.0.1:5000/cb', 'http://127.0.0.1:6001/cb'])).toEqual([
      '127.0.0.1',
    ]);
    expect(siteOf('eu-west-2.helpdeskly.example')).toBe('helpdeskly.example');
    expect(siteOf('app.acme.co.uk')).toBe('acme.co.uk');
    expect(siteOf('localhost:3000')).toBe('localhost');
  });

  it('only lets https logos through', () => {
    expect(safeLogoUrl('https://a.example/logo.png')).toBe('https://a.example/logo.png');
    expect(safeLogoUrl('http://a.example/logo.png')).toBeNull();
    expect(safeLogoUrl('javascript:alert(1)')).toBeNull();
    expect(safeLogoUrl('data:image/png;base64,AAAA')).toBeNull();
    expect(safeLogoUrl(null)).toBeNull();
  });
});

describe('agentChecks', () => {
  it('passes a CIMD client whose hosts share the document’s domain', () => {
    const checks = byKind(base);
    expect(checks.registration_method?.result).toBe('pass');
    expect(checks.cimd_https?.result).toBe('pass');
    expect(checks.cimd_domain?.result).toBe('pass');
    expect(checks.redirect_uris?.result).toBe('pass');
    expect(checks.software_statement?.result).toBe('info');
    expect(checks.software_statement?.ok).toBe(true);
  });

  it('warns about foreign redirect hosts, loopback-only redirects and self-registration', () => {
    const foreign = byKind({
      ...base,
      redirectUris: [...base.redirectUris, 'https://collector.evil.example/cb'],
    });
    expect(foreign.cimd_domain).toMatchObject({ result: 'warn', ok: false });
    expect(foreign.cimd_domain?.detail).toContain('collector.evil.example');

    const local = byKind({
      ...base,
      clientId: 'dcr_1',
      registrationMethod: 'dcr',
      clientUri: null,
      redirectUris: ['http://localhost:8080/callback'],
    });
    expect(local.registration_method?.result).toBe('warn');
    expect(local.localhost_only?.result).toBe('warn');
    expect(local.cimd_https).toBeUndefined();

    const dcrForeign = byKind({
      ...base,
      clientId: 'dcr_2',
      registrationMethod: 'dcr',
      clientUri: 'https://pdfhelper.example',
      redirectUris: ['https://pdf-helper.other.example/cb'],
    });
    expect(dcrForeign.client_uri_domain?.result).toBe('warn');
  });

  it('fails plain-http redirects, a non-https CIMD URL and detected token misuse', () => {
    const bad = byKind({
      ...base,
      clientId: 'http://helpdeskly.example/client.json',
      redirectUris: ['http://app.helpdeskly.example/cb'],
      reuseDetectedAt: new Date('2026-01-02T00:00:00Z'),
      passthroughDetectedAt: new Date('2026-01-03T00:00:00Z'),
    });
    expect(bad.cimd_https?.result).toBe('fail');
    expect(bad.redirect_uris?.result).toBe('fail');
    expect(bad.refresh_token_reuse?.result).toBe('fail');
    expect(bad.token_passthrough?.result).toBe('fail');
  });

  it('expects no redirect URIs from a machine client', () => {
    const bot = byKind({ ...base, redirectUris: [], grantTypes: ['client_credentials'] });
    expect(bot.redirect_uris?.result).toBe('pass');
    const broken = byKind({ ...base, redirectUris: [] });
    expect(broken.redirect_uris?.result).toBe('warn');
  });
});

describe('agentFlags', () => {
  it('flags reuse, passthrough and loopback-only redirects', () => {
    expect(agentFlags(base)).toEqual([]);
    expect(
      agentFlags({
        clientName: 'Helpdeskly',
        redirectUris: ['http://127.0.0.1/cb'],
        reuseDetectedAt: new Date(),
        passthroughDetectedAt: new Date(),
      }),
    ).toEqual(['refresh_token_reuse', 'token_passthrough', 'localhost_only']);
  });
});
