import type { Bureau } from '@furnish/shared-contracts';
import type { Metro2Reporter } from '@furnish/bureau-format-metro2';
import { FurnisherIdentityError } from './errors';

/** Who furnishes, as the submission file names it. Only the part of the bureau being written is needed. */
export interface FurnisherIdentity {
  /** PBOC: the 14-character data-provider code of the file name and header (§2.2). */
  readonly pbocInstitutionCode?: string;
  /** Baihang: the institution id of the file name (§3.3). */
  readonly baihangInstitutionId?: string;
  /** Metro 2: the Header record's reporter and program identifiers (§1.4). */
  readonly metro2Reporter?: Metro2Reporter;
}

/** The settings (environment variables) that configure the identity; a command-line flag overrides each. */
export const FURNISHER_IDENTITY_SETTINGS = {
  pbocInstitutionCode: 'FURNISH_PBOC_INSTITUTION_CODE',
  baihangInstitutionId: 'FURNISH_BAIHANG_INSTITUTION_ID',
  reporterName: 'FURNISH_METRO2_REPORTER_NAME',
  reporterAddress: 'FURNISH_METRO2_REPORTER_ADDRESS',
  reporterTelephone: 'FURNISH_METRO2_REPORTER_TELEPHONE',
  equifaxProgramIdentifier: 'FURNISH_METRO2_EQUIFAX_PROGRAM_ID',
  experianProgramIdentifier: 'FURNISH_METRO2_EXPERIAN_PROGRAM_ID',
  transUnionProgramIdentifier: 'FURNISH_METRO2_TRANSUNION_PROGRAM_ID',
  innovisProgramIdentifier: 'FURNISH_METRO2_INNOVIS_PROGRAM_ID',
} as const;

export interface IdentityFlags {
  readonly institution?: string;
  readonly reporterName?: string;
  readonly reporterAddress?: string;
}

const S = FURNISHER_IDENTITY_SETTINGS;

/**
 * The furnisher identity for one bureau's file, from the flags, else the settings. Fails fast,
 * naming the setting, when a part the file needs is missing: a file must never carry a placeholder.
 */
export function furnisherIdentityFor(bureau: Bureau, flags: IdentityFlags, env: NodeJS.ProcessEnv): FurnisherIdentity {
  const value = (name: string, flag?: string): string | undefined => {
    const text = (flag ?? env[name])?.trim();
    return text ? text : undefined;
  };
  const required = (name: string, flagName: string, flag?: string): string => {
    const text = value(name, flag);
    if (text === undefined) throw new FurnisherIdentityError(`${name} (or ${flagName}) is not set: a ${bureau} submission file must name the furnisher`);
    return text;
  };
  switch (bureau) {
    case 'pboc-crc': {
      const code = required(S.pbocInstitutionCode, '--institution', flags.institution);
      if (!/^[0-9A-Z]{14}$/.test(code)) throw new FurnisherIdentityError(`${S.pbocInstitutionCode} must be the 14-character PBOC data-provider code (digits and upper-case letters)`);
      return { pbocInstitutionCode: code };
    }
    case 'baihang': {
      const id = required(S.baihangInstitutionId, '--institution', flags.institution);
      if (!/^[0-9A-Za-z]{1,40}$/.test(id)) throw new FurnisherIdentityError(`${S.baihangInstitutionId} must be letters and digits (it names the file)`);
      return { baihangInstitutionId: id };
    }
    case 'metro2': {
      const programs = {
        equifaxProgramIdentifier: value(S.equifaxProgramIdentifier),
        experianProgramIdentifier: value(S.experianProgramIdentifier),
        transUnionProgramIdentifier: value(S.transUnionProgramIdentifier),
        innovisProgramIdentifier: value(S.innovisProgramIdentifier),
      };
      if (Object.values(programs).every((p) => p === undefined)) {
        throw new FurnisherIdentityError(
          `no Metro 2 program identifier is set: set at least one of ${S.equifaxProgramIdentifier}, ${S.experianProgramIdentifier}, ${S.transUnionProgramIdentifier}, ${S.innovisProgramIdentifier}`,
        );
      }
      const telephone = value(S.reporterTelephone);
      if (telephone !== undefined && !/^\d{10}$/.test(telephone)) throw new FurnisherIdentityError(`${S.reporterTelephone} must be 10 digits`);
      const definedPrograms = Object.fromEntries(Object.entries(programs).filter(([, p]) => p !== undefined)) as Partial<Metro2Reporter>;
      return {
        metro2Reporter: {
          reporterName: required(S.reporterName, '--reporter-name', flags.reporterName).toUpperCase(),
          reporterAddress: required(S.reporterAddress, '--reporter-address', flags.reporterAddress).toUpperCase(),
          ...(telephone === undefined ? {} : { reporterTelephoneNumber: Number(telephone) }),
          softwareVendorName: 'FURNISH',
          ...definedPrograms,
        },
      };
    }
  }
}
