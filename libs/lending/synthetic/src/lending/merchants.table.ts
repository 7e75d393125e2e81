/**
 * Fictitious merchants and what they sell: the consumption detail a lender holds and Furnish must
 * never furnish. Prices are in the borrower's currency; MCCs are real ISO 18245 categories.
 */

export interface CatalogueItem {
  readonly sku: string;
  readonly description: string;
  /** Unit price range in whole currency units. */
  readonly price: readonly [number, number];
  readonly maxQuantity: number;
}

export interface Merchant {
  readonly name: string;
  readonly category: string;
  readonly channels: readonly string[];
  readonly items: readonly CatalogueItem[];
}

export const CN_MERCHANTS: readonly Merchant[] = [
  {
    name: '云栖生活超市',
    category: '5411',
    channels: ['APP', 'MINI_PROGRAM', 'POS'],
    items: [
      { sku: 'GRC-1001', description: '纯牛奶 250ml×12', price: [45, 69], maxQuantity: 2 },
      { sku: 'GRC-1002', description: '东北大米 5kg', price: [35, 59], maxQuantity: 2 },
      { sku: 'GRC-1003', description: '抽纸 3层×18包', price: [25, 45], maxQuantity: 3 },
      { sku: 'GRC-1004', description: '浓缩洗衣液 2kg', price: [30, 60], maxQuantity: 2 },
    ],
  },
  {
    name: '星河数码专营店',
    category: '5732',
    channels: ['APP', 'WEB'],
    items: [
      { sku: 'DGT-2001', description: '无线蓝牙耳机', price: [129, 899], maxQuantity: 1 },
      { sku: 'DGT-2002', description: '智能手环', price: [149, 399], maxQuantity: 1 },
      { sku: 'DGT-2003', description: '20000毫安充电宝', price: [89, 199], maxQuantity: 2 },
      { sku: 'DGT-2004', description: '5G智能手机 256GB', price: [1299, 5999], maxQuantity: 1 },
    ],
  },
  {
    name: '好味外卖平台',
    category: '5814',
    channels: ['APP', 'MINI_PROGRAM'],
    items: [
      { sku: 'FD-3001', description: '黄焖鸡米饭', price: [18, 32], maxQuantity: 2 },
      { sku: 'FD-3002', description: '珍珠奶茶', price: [12, 26], maxQuantity: 3 },
      { sku: 'FD-3003', description: '麻辣烫', price: [20, 45], maxQuantity: 2 },
    ],
  },
  {
    name: '畅行出行',
    category: '4121',
    channels: ['APP'],
    items: [{ sku: 'RIDE-01', description: '快车行程', price: [9, 95], maxQuantity: 1 }],
  },
  {
    name: '锦衣服饰旗舰店',
    category: '5651',
    channels: ['APP', 'WEB', 'POS'],
    items: [
      { sku: 'APP-4001', description: '纯棉短袖T恤', price: [59, 129], maxQuantity: 3 },
      { sku: 'APP-4002', description: '修身牛仔裤', price: [149, 399], maxQuantity: 2 },
      { sku: 'APP-4003', description: '运动鞋', price: [299, 899], maxQuantity: 1 },
    ],
  },
  {
    name: '悦己美妆',
    category: '5977',
    channels: ['APP', 'POS'],
    items: [
      { sku: 'BTY-5001', description: '保湿面膜 10片', price: [69, 159], maxQuantity: 2 },
      { sku: 'BTY-5002', description: '防晒霜 50ml', price: [89, 259], maxQuantity: 1 },
    ],
  },
  {
    name: '途远旅行',
    category: '4722',
    channels: ['APP', 'WEB'],
    items: [
      { sku: 'TRV-6001', description: '酒店住宿 1晚', price: [198, 899], maxQuantity: 3 },
      { sku: 'TRV-6002', description: '经济舱机票', price: [380, 2400], maxQuantity: 1 },
    ],
  },
  {
    name: '安心大药房',
    category: '5912',
    channels: ['POS', 'MINI_PROGRAM'],
    items: [
      { sku: 'PHM-7001', description: '感冒灵颗粒', price: [15, 35], maxQuantity: 2 },
      { sku: 'PHM-7002', description: '维生素C片', price: [39, 99], maxQuantity: 2 },
    ],
  },
];

export const US_MERCHANTS: readonly Merchant[] = [
  {
    name: 'Corner Fresh Market',
    category: '5411',
    channels: ['POS', 'APP'],
    items: [
      { sku: 'CFM-101', description: 'Organic milk 1 gal', price: [4, 8], maxQuantity: 2 },
      { sku: 'CFM-102', description: 'Sourdough bread', price: [4, 9], maxQuantity: 2 },
      { sku: 'CFM-103', description: 'Coffee beans 12 oz', price: [9, 18], maxQuantity: 2 },
    ],
  },
  {
    name: 'Bayside Electronics',
    category: '5732',
    channels: ['WEB', 'POS'],
    items: [
      { sku: 'BSE-201', description: 'Wireless earbuds', price: [49, 249], maxQuantity: 1 },
      { sku: 'BSE-202', description: 'USB-C charger 65W', price: [25, 69], maxQuantity: 2 },
      { sku: 'BSE-203', description: '27in monitor', price: [179, 499], maxQuantity: 1 },
    ],
  },
  {
    name: 'Sunrise Diner',
    category: '5812',
    channels: ['POS'],
    items: [
      { sku: 'SD-301', description: 'Breakfast combo', price: [9, 18], maxQuantity: 3 },
      { sku: 'SD-302', description: 'Coffee', price: [2, 5], maxQuantity: 3 },
    ],
  },
  {
    name: 'QuickFuel 214',
    category: '5541',
    channels: ['POS'],
    items: [{ sku: 'QF-401', description: 'Unleaded fuel', price: [25, 75], maxQuantity: 1 }],
  },
  {
    name: 'Trailhead Outfitters',
    category: '5941',
    channels: ['WEB', 'POS', 'APP'],
    items: [
      { sku: 'TO-501', description: 'Hiking boots', price: [89, 229], maxQuantity: 1 },
      { sku: 'TO-502', description: 'Rain jacket', price: [59, 189], maxQuantity: 1 },
      { sku: 'TO-503', description: 'Water bottle', price: [12, 35], maxQuantity: 2 },
    ],
  },
  {
    name: 'Northside Pharmacy',
    category: '5912',
    channels: ['POS', 'APP'],
    items: [
      { sku: 'NP-601', description: 'Allergy relief 30 ct', price: [9, 24], maxQuantity: 2 },
      { sku: 'NP-602', description: 'Vitamin D3', price: [7, 19], maxQuantity: 2 },
    ],
  },
];

/** Channels of repayments, by country. */
export const REPAYMENT_CHANNELS: Readonly<Record<'CN' | 'US', readonly string[]>> = {
  CN: ['APP', 'APP', 'AUTO_DEBIT', 'MINI_PROGRAM'],
  US: ['ACH', 'WEB', 'APP', 'AUTO_DEBIT'],
};
