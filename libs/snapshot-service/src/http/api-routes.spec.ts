import { matchApiRoute } from './api-routes';

describe('matchApiRoute', () => {
  it('finds each route with its path parameters, decoded', () => {
    expect(matchApiRoute('GET', '/reports')?.route.handler).toBe('listReports');
    expect(
      matchApiRoute('POST', '/reports/campus-overview/snapshots'),
    ).toMatchObject({
      route: { handler: 'requestSnapshot' },
      pathParameters: { reportId: 'campus-overview' },
    });
    expect(matchApiRoute('GET', '/snapshots/snp_a%20b')).toMatchObject({
      route: { routeKey: 'GET /snapshots/{snapshotId}' },
      pathParameters: { snapshotId: 'snp_a b' },
    });
  });

  it('matches nothing for another method, path or empty variable', () => {
    expect(matchApiRoute('DELETE', '/reports')).toBeUndefined();
    expect(matchApiRoute('GET', '/reports/')).toBeUndefined();
    expect(matchApiRoute('POST', '/reports//snapshots')).toBeUndefined();
    expect(matchApiRoute('GET', '/snapshots/a/b')).toBeUndefined();
  });

  it('keeps a segment that does not decode as it came', () => {
    expect(matchApiRoute('GET', '/snapshots/%E0%A4%A')?.pathParameters).toEqual(
      { snapshotId: '%E0%A4%A' },
    );
  });
});
