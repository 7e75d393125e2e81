import type { Bureau } from '@furnish/shared-contracts';
import type { MinimisationPolicy } from '../minimisation-policy';
import { BAIHANG_POLICY } from './baihang.policy';
import { METRO2_POLICY } from './metro2.policy';
import { PBOC_CRC_POLICY } from './pboc-crc.policy';

export { BAIHANG_POLICY, METRO2_POLICY, PBOC_CRC_POLICY };

/** The policy in force for each bureau: an explicit table, never discovered by reflection. */
export const MINIMISATION_POLICIES: Readonly<Record<Bureau, MinimisationPolicy>> = {
  'pboc-crc': PBOC_CRC_POLICY,
  baihang: BAIHANG_POLICY,
  metro2: METRO2_POLICY,
};

/** Where each policy is declared, for the review table's provenance line. */
export const POLICY_FILES: Readonly<Record<Bureau, string>> = {
  'pboc-crc': 'libs/minimisation/domain/src/policies/pboc-crc.policy.ts',
  baihang: 'libs/minimisation/domain/src/policies/baihang.policy.ts',
  metro2: 'libs/minimisation/domain/src/policies/metro2.policy.ts',
};
