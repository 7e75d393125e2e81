import { defineLayout } from '@furnish/shared-util-fixed-width';
import { METRO2_TEXT } from './charsets';

/** The Header record in character format (bureau-formats.md §1.4), without a BDW. */
export interface Metro2HeaderRecord {
  readonly recordDescriptorWord: number;
  readonly recordIdentifier: string;
  readonly cycleIdentifier: string;
  readonly innovisProgramIdentifier: string;
  readonly equifaxProgramIdentifier: string;
  readonly experianProgramIdentifier: string;
  readonly transUnionProgramIdentifier: string;
  readonly activityDate: string | null;
  readonly dateCreated: string | null;
  readonly programDate: string | null;
  readonly programRevisionDate: string | null;
  readonly reporterName: string;
  readonly reporterAddress: string;
  readonly reporterTelephoneNumber: number;
  readonly softwareVendorName: string;
  readonly softwareVersionNumber: string;
  readonly prbcProgramIdentifier: string;
}

export const HEADER_RECORD_LENGTH = 426;
export const HEADER_IDENTIFIER = 'HEADER';

export const HEADER_RECORD_LAYOUT = defineLayout<Metro2HeaderRecord>({
  id: 'metro2.header',
  length: HEADER_RECORD_LENGTH,
  charset: METRO2_TEXT,
  fields: [
    { name: 'recordDescriptorWord', start: 1, length: 4, type: 'numeric', presence: 'required', codes: [HEADER_RECORD_LENGTH] },
    { name: 'recordIdentifier', start: 5, length: 6, type: 'constant', value: HEADER_IDENTIFIER },
    { name: 'cycleIdentifier', start: 11, length: 2, type: 'alphanumeric', presence: 'applicable' },
    { name: 'innovisProgramIdentifier', start: 13, length: 10, type: 'alphanumeric', presence: 'applicable' },
    { name: 'equifaxProgramIdentifier', start: 23, length: 10, type: 'alphanumeric', presence: 'applicable' },
    { name: 'experianProgramIdentifier', start: 33, length: 5, type: 'alphanumeric', presence: 'applicable' },
    { name: 'transUnionProgramIdentifier', start: 38, length: 10, type: 'alphanumeric', presence: 'applicable' },
    { name: 'activityDate', start: 48, length: 8, type: 'date', presence: 'required', format: 'MMDDYYYY' },
    { name: 'dateCreated', start: 56, length: 8, type: 'date', presence: 'required', format: 'MMDDYYYY' },
    { name: 'programDate', start: 64, length: 8, type: 'date', presence: 'optional', format: 'MMDDYYYY' },
    { name: 'programRevisionDate', start: 72, length: 8, type: 'date', presence: 'optional', format: 'MMDDYYYY' },
    { name: 'reporterName', start: 80, length: 40, type: 'alphanumeric', presence: 'required' },
    { name: 'reporterAddress', start: 120, length: 96, type: 'alphanumeric', presence: 'required' },
    { name: 'reporterTelephoneNumber', start: 216, length: 10, type: 'numeric', presence: 'optional' },
    { name: 'softwareVendorName', start: 226, length: 40, type: 'alphanumeric', presence: 'applicable' },
    { name: 'softwareVersionNumber', start: 266, length: 5, type: 'alphanumeric', presence: 'applicable' },
    { name: 'prbcProgramIdentifier', start: 271, length: 10, type: 'alphanumeric', presence: 'applicable' },
    { type: 'filler', label: 'reserved', start: 281, length: 146 },
  ],
});
