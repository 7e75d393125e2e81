import { createHmac } from 'node:crypto';

/**
 * The pseudonymous borrower reference stored in audit rows and shown to compliance staff: an HMAC
 * of the borrower id under a secret key, so rows of one borrower can be joined without revealing
 * who they are, and the id cannot be recovered by hashing candidate ids without the key.
 */
export function borrowerRef(key: string, borrowerId: string): string {
  return createHmac('sha256', key).update(borrowerId, 'utf8').digest('hex').slice(0, 32);
}

/**
 * The pseudonymous account reference of the audit trail (coverage is counted per account), under
 * the same key. The prefix keeps an account's reference distinct from a borrower's with the same id.
 */
export function accountRef(key: string, accountId: string): string {
  return createHmac('sha256', key).update(`account:${accountId}`, 'utf8').digest('hex').slice(0, 32);
}
