import { FurnisherIdentityError } from './errors';
import { FURNISHER_IDENTITY_SETTINGS as S, furnisherIdentityFor } from './furnisher-identity';

const METRO2_ENV = { [S.reporterName]: 'Example Lending Inc', [S.reporterAddress]: '1 Market St San Francisco CA 94105', [S.transUnionProgramIdentifier]: '5555555555' };

describe('furnisherIdentityFor', () => {
  it.each([
    ['pboc-crc', {}, S.pbocInstitutionCode],
    ['baihang', {}, S.baihangInstitutionId],
    ['metro2', { ...METRO2_ENV, [S.reporterAddress]: '  ' }, S.reporterAddress],
    ['metro2', { ...METRO2_ENV, [S.reporterName]: undefined }, S.reporterName],
    ['metro2', { ...METRO2_ENV, [S.transUnionProgramIdentifier]: undefined }, S.transUnionProgramIdentifier],
  ] as const)('%s: refuses a missing identity, naming the setting (%s)', (bureau, env, setting) => {
    expect(() => furnisherIdentityFor(bureau, {}, env)).toThrow(FurnisherIdentityError);
    expect(() => furnisherIdentityFor(bureau, {}, env)).toThrow(setting);
  });

  it('reads the settings, a flag overriding its setting', () => {
    expect(furnisherIdentityFor('pboc-crc', {}, { [S.pbocInstitutionCode]: 'F110105000001A' })).toEqual({ pbocInstitutionCode: 'F110105000001A' });
    expect(furnisherIdentityFor('baihang', { institution: 'BH1' }, { [S.baihangInstitutionId]: 'BH2' })).toEqual({ baihangInstitutionId: 'BH1' });
    expect(furnisherIdentityFor('metro2', {}, METRO2_ENV).metro2Reporter).toEqual({
      reporterName: 'EXAMPLE LENDING INC',
      reporterAddress: '1 MARKET ST SAN FRANCISCO CA 94105',
      softwareVendorName: 'FURNISH',
      transUnionProgramIdentifier: '5555555555',
    });
  });

  it('refuses a PBOC code that is not 14 letters and digits', () => {
    expect(() => furnisherIdentityFor('pboc-crc', {}, { [S.pbocInstitutionCode]: 'short' })).toThrow(S.pbocInstitutionCode);
  });
});
