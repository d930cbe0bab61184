import { AllowedDomains } from './allowed-domains';

describe('AllowedDomains', () => {
  it('allows an exact origin and the subdomains of a wildcard', () => {
    const allowed = AllowedDomains.parse([
      'https://host.example.com/',
      'https://*.reports.example.org',
    ]);

    expect(allowed?.entries).toEqual([
      'https://host.example.com',
      'https://*.reports.example.org',
    ]);
    expect(allowed?.allows('https://host.example.com')).toBe(true);
    expect(allowed?.allows('https://a.reports.example.org')).toBe(true);
    expect(allowed?.allows('http://host.example.com')).toBe(false);
    expect(allowed?.allows('https://reports.example.org')).toBe(false);
    expect(allowed?.allows('https://evil-reports.example.org')).toBe(false);
  });

  it.each(['*', 'host.example.com', 'https://a.example/path', 'ftp://a.b'])(
    'refuses %j as an entry',
    (entry) => {
      expect(AllowedDomains.parse([entry])).toBeUndefined();
    },
  );
});
