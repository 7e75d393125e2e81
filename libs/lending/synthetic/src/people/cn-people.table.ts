/**
 * Fictitious Chinese borrowers are assembled from these lists: common surnames and given names
 * (with the pinyin a Latin-letter name field needs) and real urban districts (GB/T 2260 codes,
 * postal codes, approximate coordinates), so identity numbers and addresses look plausible.
 */

export interface CnName {
  readonly hanzi: string;
  readonly pinyin: string;
}

export const CN_SURNAMES: readonly CnName[] = [
  { hanzi: '王', pinyin: 'WANG' }, { hanzi: '李', pinyin: 'LI' }, { hanzi: '张', pinyin: 'ZHANG' }, { hanzi: '刘', pinyin: 'LIU' },
  { hanzi: '陈', pinyin: 'CHEN' }, { hanzi: '杨', pinyin: 'YANG' }, { hanzi: '黄', pinyin: 'HUANG' }, { hanzi: '赵', pinyin: 'ZHAO' },
  { hanzi: '吴', pinyin: 'WU' }, { hanzi: '周', pinyin: 'ZHOU' }, { hanzi: '徐', pinyin: 'XU' }, { hanzi: '孙', pinyin: 'SUN' },
  { hanzi: '马', pinyin: 'MA' }, { hanzi: '朱', pinyin: 'ZHU' }, { hanzi: '胡', pinyin: 'HU' }, { hanzi: '郭', pinyin: 'GUO' },
  { hanzi: '何', pinyin: 'HE' }, { hanzi: '林', pinyin: 'LIN' }, { hanzi: '罗', pinyin: 'LUO' }, { hanzi: '高', pinyin: 'GAO' },
  { hanzi: '郑', pinyin: 'ZHENG' }, { hanzi: '梁', pinyin: 'LIANG' }, { hanzi: '谢', pinyin: 'XIE' }, { hanzi: '宋', pinyin: 'SONG' },
  { hanzi: '唐', pinyin: 'TANG' }, { hanzi: '许', pinyin: 'XU' }, { hanzi: '韩', pinyin: 'HAN' }, { hanzi: '冯', pinyin: 'FENG' },
  { hanzi: '邓', pinyin: 'DENG' }, { hanzi: '曹', pinyin: 'CAO' }, { hanzi: '彭', pinyin: 'PENG' }, { hanzi: '曾', pinyin: 'ZENG' },
  { hanzi: '欧阳', pinyin: 'OUYANG' }, { hanzi: '司马', pinyin: 'SIMA' },
];

export const CN_GIVEN_NAMES: Readonly<Record<'F' | 'M', readonly CnName[]>> = {
  F: [
    { hanzi: '芳', pinyin: 'FANG' }, { hanzi: '静', pinyin: 'JING' }, { hanzi: '丽娟', pinyin: 'LIJUAN' }, { hanzi: '敏', pinyin: 'MIN' },
    { hanzi: '秀英', pinyin: 'XIUYING' }, { hanzi: '婷婷', pinyin: 'TINGTING' }, { hanzi: '雪', pinyin: 'XUE' }, { hanzi: '晓燕', pinyin: 'XIAOYAN' },
    { hanzi: '欣怡', pinyin: 'XINYI' }, { hanzi: '雨桐', pinyin: 'YUTONG' }, { hanzi: '佳琪', pinyin: 'JIAQI' }, { hanzi: '梦瑶', pinyin: 'MENGYAO' },
    { hanzi: '慧', pinyin: 'HUI' }, { hanzi: '玉兰', pinyin: 'YULAN' }, { hanzi: '思彤', pinyin: 'SITONG' }, { hanzi: '可馨', pinyin: 'KEXIN' },
  ],
  M: [
    { hanzi: '伟', pinyin: 'WEI' }, { hanzi: '强', pinyin: 'QIANG' }, { hanzi: '磊', pinyin: 'LEI' }, { hanzi: '小明', pinyin: 'XIAOMING' },
    { hanzi: '建国', pinyin: 'JIANGUO' }, { hanzi: '志强', pinyin: 'ZHIQIANG' }, { hanzi: '浩然', pinyin: 'HAORAN' }, { hanzi: '宇轩', pinyin: 'YUXUAN' },
    { hanzi: '俊杰', pinyin: 'JUNJIE' }, { hanzi: '子豪', pinyin: 'ZIHAO' }, { hanzi: '鹏', pinyin: 'PENG' }, { hanzi: '军', pinyin: 'JUN' },
    { hanzi: '文博', pinyin: 'WENBO' }, { hanzi: '天佑', pinyin: 'TIANYOU' }, { hanzi: '明轩', pinyin: 'MINGXUAN' }, { hanzi: '一鸣', pinyin: 'YIMING' },
  ],
};

export interface CnDistrict {
  /** Six-digit administrative division code. */
  readonly code: string;
  readonly province: string;
  readonly city: string;
  readonly district: string;
  readonly postalCode: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly streets: readonly string[];
}

export const CN_DISTRICTS: readonly CnDistrict[] = [
  { code: '110105', province: '北京市', city: '北京市', district: '朝阳区', postalCode: '100020', latitude: 39.92, longitude: 116.44, streets: ['建国路', '朝阳北路', '望京街'] },
  { code: '110108', province: '北京市', city: '北京市', district: '海淀区', postalCode: '100080', latitude: 39.96, longitude: 116.3, streets: ['中关村大街', '学院路', '知春路'] },
  { code: '310115', province: '上海市', city: '上海市', district: '浦东新区', postalCode: '200120', latitude: 31.22, longitude: 121.54, streets: ['世纪大道', '张杨路', '陆家嘴环路'] },
  { code: '310104', province: '上海市', city: '上海市', district: '徐汇区', postalCode: '200030', latitude: 31.19, longitude: 121.44, streets: ['漕溪北路', '衡山路', '天钥桥路'] },
  { code: '440305', province: '广东省', city: '深圳市', district: '南山区', postalCode: '518052', latitude: 22.53, longitude: 113.93, streets: ['科技园路', '南海大道', '后海大道'] },
  { code: '440106', province: '广东省', city: '广州市', district: '天河区', postalCode: '510620', latitude: 23.13, longitude: 113.36, streets: ['天河路', '体育西路', '珠江新城华夏路'] },
  { code: '330106', province: '浙江省', city: '杭州市', district: '西湖区', postalCode: '310012', latitude: 30.27, longitude: 120.13, streets: ['文三路', '天目山路', '学院路'] },
  { code: '320102', province: '江苏省', city: '南京市', district: '玄武区', postalCode: '210018', latitude: 32.05, longitude: 118.8, streets: ['中山路', '北京东路', '珠江路'] },
  { code: '510107', province: '四川省', city: '成都市', district: '武侯区', postalCode: '610041', latitude: 30.64, longitude: 104.04, streets: ['人民南路', '武侯祠大街', '科华北路'] },
  { code: '420111', province: '湖北省', city: '武汉市', district: '洪山区', postalCode: '430070', latitude: 30.5, longitude: 114.34, streets: ['珞喻路', '雄楚大道', '光谷大道'] },
  { code: '610113', province: '陕西省', city: '西安市', district: '雁塔区', postalCode: '710061', latitude: 34.22, longitude: 108.95, streets: ['小寨东路', '长安南路', '雁塔路'] },
  { code: '500103', province: '重庆市', city: '重庆市', district: '渝中区', postalCode: '400010', latitude: 29.55, longitude: 106.57, streets: ['解放碑民族路', '中山三路', '上清寺路'] },
  { code: '370202', province: '山东省', city: '青岛市', district: '市南区', postalCode: '266001', latitude: 36.07, longitude: 120.38, streets: ['香港中路', '东海西路', '山东路'] },
  { code: '350203', province: '福建省', city: '厦门市', district: '思明区', postalCode: '361001', latitude: 24.45, longitude: 118.08, streets: ['中山路', '湖滨南路', '厦禾路'] },
  { code: '430104', province: '湖南省', city: '长沙市', district: '岳麓区', postalCode: '410006', latitude: 28.23, longitude: 112.93, streets: ['麓山南路', '枫林一路', '桐梓坡路'] },
  { code: '410105', province: '河南省', city: '郑州市', district: '金水区', postalCode: '450003', latitude: 34.8, longitude: 113.66, streets: ['花园路', '农业路', '经三路'] },
];

/** Mobile number prefixes of the three mainland carriers. */
export const CN_MOBILE_PREFIXES: readonly string[] = ['130', '131', '132', '135', '136', '137', '138', '139', '150', '151', '152', '155', '157', '158', '159', '166', '176', '177', '180', '181', '185', '186', '187', '188', '189', '199'];

export const EMAIL_DOMAINS: readonly string[] = ['example.com', 'example.cn', 'example.net', 'example.org'];
