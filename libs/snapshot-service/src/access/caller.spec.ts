import { callerFromClaims } from './caller';

describe('callerFromClaims', () => {
  it('reads lists the way the API Gateway JWT authorizer passes them', () => {
    const caller = callerFromClaims({
      sub: 'u-1',
      schools: '[s-00001 s-00002]',
      regions: '[r-001]',
      admin: 'false',
    });

    expect(caller).toEqual({
      subject: 'u-1',
      schools: new Set(['s-00001', 's-00002']),
      regions: new Set(['r-001']),
      admin: false,
    });
  });

  it('reads JSON lists, plain lists, comma lists and single ids', () => {
    expect(callerFromClaims({ schools: ['s-1', 's-2'] }).schools).toEqual(
      new Set(['s-1', 's-2']),
    );
    expect(callerFromClaims({ schools: '["s-1","s-2"]' }).schools).toEqual(
      new Set(['s-1', 's-2']),
    );
    expect(callerFromClaims({ regions: 'r-1, r-2' }).regions).toEqual(
      new Set(['r-1', 'r-2']),
    );
    expect(callerFromClaims({ regions: 'r-1' }).regions).toEqual(
      new Set(['r-1']),
    );
  });

  it('grants admin only for a true flag', () => {
    expect(callerFromClaims({ admin: true }).admin).toBe(true);
    expect(callerFromClaims({ admin: 'true' }).admin).toBe(true);
    expect(callerFromClaims({ admin: 'TRUE ' }).admin).toBe(false);
    expect(callerFromClaims({ admin: 1 }).admin).toBe(false);
  });

  it('grants nothing for missing, malformed or hostile claims', () => {
    const caller = callerFromClaims({
      schools: ['*', '', 's 1', '../s-1', 42, 'x'.repeat(65)],
      regions: { r: 'r-1' },
    });

    expect(caller.schools.size).toBe(0);
    expect(caller.regions.size).toBe(0);
    expect(callerFromClaims(undefined)).toEqual({
      subject: null,
      schools: new Set(),
      regions: new Set(),
      admin: false,
    });
  });
});
