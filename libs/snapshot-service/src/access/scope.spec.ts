import { defaultCatalogue } from '@snapshots/reports';
import { callerFromClaims } from './caller';
import { mayList, mayRequest } from './scope';

const school = (id: string) => ({ school: id, region: null });
const region = (id: string) => ({ school: null, region: id });

describe('mayRequest', () => {
  it('lets a caller see the schools and regions granted, and no other', () => {
    const caller = callerFromClaims({ schools: ['s-1'], regions: ['r-1'] });

    expect(mayRequest(caller, school('s-1'))).toBe(true);
    expect(mayRequest(caller, region('r-1'))).toBe(true);
    expect(mayRequest(caller, school('s-2'))).toBe(false);
    expect(mayRequest(caller, region('r-2'))).toBe(false);
  });

  it('needs every id a request names to be granted', () => {
    const caller = callerFromClaims({ schools: ['s-1'] });

    expect(mayRequest(caller, { school: 's-1', region: 'r-1' })).toBe(false);
  });

  it('lets an administrator see everything but nothing-scoped requests', () => {
    const admin = callerFromClaims({ admin: true });
    const nobody = callerFromClaims({ schools: ['s-1'] });

    expect(mayRequest(admin, school('s-9'))).toBe(true);
    expect(mayRequest(nobody, { school: null, region: null })).toBe(false);
  });
});

describe('mayList', () => {
  it('lists school reports to school callers and region ones to region callers', () => {
    const reports = defaultCatalogue.list();
    const listed = (claims: Record<string, unknown>) =>
      reports
        .filter((report) => mayList(callerFromClaims(claims), report))
        .map((report) => report.scope);

    expect(new Set(listed({ schools: ['s-1'] }))).toEqual(new Set(['school']));
    expect(new Set(listed({ regions: ['r-1'] }))).toEqual(new Set(['region']));
    expect(listed({ admin: true })).toHaveLength(reports.length);
    expect(listed({})).toHaveLength(0);
  });
});
