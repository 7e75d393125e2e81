import type { PurchasedItem, Transaction } from '@furnish/shared-contracts';
import type { Country } from '../people/borrower.factory';
import type { SeededRandom } from '../random/seeded-random';
import { CN_MERCHANTS, REPAYMENT_CHANNELS, US_MERCHANTS } from './merchants.table';
import { centsBetween, toMoney, units, type Cents } from './money';

/** Where and on what a borrower transacts: their devices and home area. */
export interface TransactionContext {
  readonly country: Country;
  readonly deviceIds: readonly string[];
  readonly home: { readonly latitude: number; readonly longitude: number; readonly city: string };
}

/** Documentation address blocks (RFC 5737): never a real client. */
const IP_BLOCKS: Readonly<Record<Country, string>> = { CN: '203.0.113', US: '198.51.100' };

const CASH_DRAWDOWN_SHARE = 0.08;

/** A drawdown's transaction and its amount in cents. */
export interface Drawdown {
  readonly transaction: Transaction;
  readonly amount: Cents;
}

/**
 * A purchase (or, now and then, a cash drawdown) of at most `limit`, with merchant, items,
 * channel, device, IP address and location; null when nothing affordable comes up.
 */
export function aDrawdown(random: SeededRandom, context: TransactionContext, limit: Cents): Drawdown | null {
  if (limit < units(1)) return null;
  if (random.chance(CASH_DRAWDOWN_SHARE)) {
    const ceiling = Math.min(limit, units(context.country === 'CN' ? 5000 : 800));
    const amount = units(Math.max(1, Math.floor((random.float() * ceiling) / 100)));
    return { amount, transaction: { amount: toMoney(amount), merchantName: null, merchantCategory: null, purchasedItems: [], channel: 'APP', ...device(random, context, 'APP') } };
  }
  const merchant = random.pick(context.country === 'CN' ? CN_MERCHANTS : US_MERCHANTS);
  const items: PurchasedItem[] = [];
  let amount = 0;
  for (const item of random.sample(merchant.items, random.int(1, merchant.items.length))) {
    const quantity = random.int(1, item.maxQuantity);
    const unitPrice = centsBetween(random.float(), item.price[0], item.price[1]);
    if (amount + quantity * unitPrice > limit) break;
    amount += quantity * unitPrice;
    items.push({ sku: item.sku, description: item.description, quantity, unitPrice: toMoney(unitPrice) });
  }
  if (items.length === 0) return null;
  const channel = random.pick(merchant.channels);
  return {
    amount,
    transaction: { amount: toMoney(amount), merchantName: merchant.name, merchantCategory: merchant.category, purchasedItems: items, channel, ...device(random, context, channel) },
  };
}

export function aRepayment(random: SeededRandom, context: TransactionContext, amount: Cents): Transaction {
  const channel = random.pick(REPAYMENT_CHANNELS[context.country]);
  const automatic = channel === 'AUTO_DEBIT' || channel === 'ACH';
  return {
    amount: toMoney(amount),
    merchantName: null,
    merchantCategory: null,
    purchasedItems: [],
    channel,
    deviceId: automatic ? null : random.pick(context.deviceIds),
    ipAddress: automatic ? null : ipAddress(random, context),
    geoLocation: null,
  };
}

/** Device, IP and location as the channel knows them: a till has none of the borrower's, a website no location. */
function device(random: SeededRandom, context: TransactionContext, channel: string): Pick<Transaction, 'deviceId' | 'ipAddress' | 'geoLocation'> {
  const atTill = channel === 'POS';
  return {
    deviceId: atTill ? null : random.pick(context.deviceIds),
    ipAddress: atTill ? null : ipAddress(random, context),
    geoLocation:
      channel === 'WEB'
        ? null
        : {
            latitude: Number((context.home.latitude + (random.float() - 0.5) / 10).toFixed(4)),
            longitude: Number((context.home.longitude + (random.float() - 0.5) / 10).toFixed(4)),
            city: context.home.city,
          },
  };
}

const ipAddress = (random: SeededRandom, context: TransactionContext): string => `${IP_BLOCKS[context.country]}.${random.int(1, 254)}`;

export const aDeviceId = (random: SeededRandom): string => `dev-${random.hex(12)}`;

