/**
 * A category's taxonomy of review aspects (PRODUCT.md, "Voice of the customer"): what a review can
 * be about, whether the supplier controls it, whether a negative mention is critical, and the
 * terms (English and Chinese at least) that name it. Carried by every policy version. Plain
 * TypeScript, no framework.
 */
export interface Aspect {
  /** Stable identifier, `^[a-z][a-z0-9_]*$`, unique in a taxonomy. */
  key: string;
  label: string;
  /** False for causes outside the supplier's control (weather, the platform's own booking service). */
  supplierControllable: boolean;
  /** A negative mention makes the supplier an audit target (`CRITICAL_ASPECT`). */
  critical: boolean;
  /** Words and phrases that name the aspect; lower-case; Chinese terms are matched without word spaces. */
  terms: string[];
}

/** What the rule does with a negative review whose negative mentions are all of non-controllable aspects. */
export type AutoExclusion = 'OFF' | 'PROPOSE' | 'APPLY';
export const AUTO_EXCLUSION_MODES: readonly AutoExclusion[] = ['OFF', 'PROPOSE', 'APPLY'];
export const DEFAULT_AUTO_EXCLUSION: AutoExclusion = 'PROPOSE';

/**
 * The built-in taxonomies, one line per aspect: `key | label | flags | English terms | Chinese terms`
 * (flags: `critical`, `external` = not supplier-controllable). English terms match whole words and
 * their inflections (plural, -ed, -ing); Chinese terms match without word spaces. Every set has
 * `safety` (critical), `weather` and `platform_booking` (external) and `overall`: a verdict on the
 * whole purchase naming no specific aspect ("great hotel", "never again").
 */
const SHARED = `
safety | Safety | critical | safe, unsafe, safety, security, secure, dangerous, danger, theft, stolen, stole, robbed, robbery, thief, crime, sketchy, scary, shady, police, injury, injured, accident | 安全, 危险, 被盗, 小偷, 治安, 事故, 受伤
weather | Weather | external | weather, rain, raining, rainy, storm, stormy, snow, snowstorm, hurricane, heat wave, humid, humidity, typhoon, windy, fog, foggy | 天气, 下雨, 暴雨, 台风, 下雪, 大风, 大雾, 雷雨
platform_booking | The platform's booking service | external | expedia, booking.com, hotels.com, priceline, hotwire, orbitz, travelocity, kayak, trivago, agoda, booked through, booked via, booking site, booking website, third party, travel agent, travel site, the app | 携程, 飞猪, 美团, 去哪儿, 平台, 订单, 客服
`;
const VALUE = `value | Value for money | | price, prices, priced, pricey, pricing, value, money, expensive, overpriced, cheap, affordable, worth, cost, fee, fees, charge, charged, overcharged, deal, bargain, paid, pay, budget, refund | 性价比, 价格, 价钱, 贵, 便宜, 实惠, 划算, 收费, 退款`;
const CLEAN = `cleanliness | Cleanliness | | clean, cleanliness, dirty, dirt, filthy, filth, grime, grimy, stain, stained, dust, dusty, smell, smelly, odor, odour, stink, musty, mold, mould, mildew, moldy, bug, bed bugs, bedbugs, roach, cockroach, pest, spotless, immaculate, hygiene, unsanitary, sticky, tidy, hair | 干净, 脏, 卫生, 整洁, 异味, 霉, 蟑螂, 灰尘, 污渍, 臭`;
const overall = (en: string, zh: string) =>
  `overall | Overall verdict | | recommend, again, never again, experience, everything, overall, ${en} | 推荐, 体验, 再来, 下次, 再也不, 总体, 整体, ${zh}`;

const HOTEL = `
${CLEAN}
staff | Staff and service | | staff, staffer, employee, service, customer service, front desk, desk clerk, reception, receptionist, clerk, manager, management, concierge, housekeeping, housekeeper, maid, bellman, bellhop, valet, doorman, hostess, waiter, waitress, bartender, personnel, hospitality, friendly, unfriendly, helpful, unhelpful, rude, courteous, polite, attentive, accommodating, welcoming, professional, unprofessional, attitude | 服务, 前台, 员工, 工作人员, 服务员, 态度, 经理, 保洁, 热情, 礼貌
room | Room | | room, suite, view, decor, décor, furniture, furnishings, furnished, carpet, air conditioning, air conditioner, aircon, a/c, ac, heater, heating, thermostat, tv, television, fridge, refrigerator, minibar, mini bar, microwave, balcony, window, curtains, drapes, closet, couch, sofa, kitchenette, spacious, cramped, roomy, amenities, living room, room key, key card, keycard, coffee maker, coffeemaker, upgrade, upgraded, dated, outdated, run down, rundown, shabby, renovation, renovated, updating, refurbished | 房间, 客房, 设施, 空调, 窗户, 景观, 装修, 套房, 电视, 冰箱
bed_sleep | Bed and sleep | | bed, bedding, mattress, pillow, sheets, linen, linens, duvet, comforter, blanket, sleep, slept, king bed, queen bed, sofa bed, headboard | 床, 枕头, 床单, 被子, 床垫, 睡眠, 睡
noise | Noise | | noise, noisy, loud, quiet, thin walls, soundproof, soundproofing, hear, heard, earplugs, ear plugs, racket, peaceful, silent, sirens | 噪音, 吵, 安静, 隔音, 嘈杂
breakfast_food | Breakfast and food | | breakfast, food, restaurant, dinner, lunch, brunch, meal, buffet, coffee, tea, bar, drinks, drink, cocktail, wine, beer, menu, room service, dining, dining room, breakfast room, cafe, café, eggs, waffle, pastries, bagels, fruit, continental, omelet, omelette, juice, snacks, happy hour, chef | 早餐, 餐厅, 食物, 饭菜, 自助餐, 咖啡, 晚餐, 酒吧
location | Location | | location, located, neighborhood, neighbourhood, area, downtown, walking distance, walk to, walk from, short walk, walkable, close to, near, nearby, distance, convenient, conveniently, central, centrally, blocks, minutes from, subway, metro, train station, airport, beach, shops, shopping, restaurants, attractions, sights, sightseeing, surroundings, close, far from, too far, far away, part of town, highway, freeway, interstate, city center, city centre, easy access, easy to reach, down the street, across the street, around the corner, doors down, miles from, convenience | 位置, 地段, 交通, 地铁, 附近, 周边, 市中心
${VALUE}, rates, room rate, resort fee, parking fee
check_in | Check-in and check-out | | check-in, check in, checkin, check-out, check out, checkout, arrival, arrived, reservation, registration, late checkout | 入住, 退房, 办理, 登记, 房卡
bathroom | Bathroom | | bathroom, bath, bathtub, tub, shower, toilet, sink, towel, toiletries, water pressure, hot water, restroom, jacuzzi, hair dryer, hairdryer, soap, shampoo, vanity, faucet, drain, tiles, washroom | 卫生间, 浴室, 淋浴, 洗手间, 厕所, 马桶, 毛巾, 热水, 浴缸, 水压
wifi | Wi-Fi | | wifi, wi-fi, internet, wireless, connection, broadband | 网络, 无线, 网速, 信号
${SHARED}
${overall('hotel, place, stay, property, resort, motel, inn, establishment, gem, trip, vacation, getaway', '酒店, 宾馆, 住得')}
`;

const FLIGHT = `
punctuality | Punctuality and delays | | delay, delayed, late, on time, punctual, cancelled, canceled, cancellation, missed connection, waited | 延误, 晚点, 准点, 准时, 取消, 误机
cabin_crew | Cabin crew | | crew, cabin crew, flight attendant, stewardess, steward, attendants, pilot, captain, purser, friendly, rude, helpful, attentive, service | 空乘, 乘务员, 空姐, 机组, 服务, 态度
seat | Seat and cabin | | seat, legroom, leg room, recline, reclining, cramped, aisle, window seat, middle seat, cabin, overhead bin | 座位, 座椅, 腿部空间, 机舱, 靠背
baggage | Baggage | | baggage, luggage, bag, suitcase, lost luggage, carousel, baggage claim, checked bag, carry-on | 行李, 托运, 行李箱, 行李额
check_in | Check-in and boarding | | check-in, check in, checkin, counter, boarding, boarded, gate, boarding pass, queue, line, kiosk | 值机, 登机, 柜台, 排队, 登机口
food | Food and drinks | | meal, food, snack, drinks, drink, beverage, coffee, tea, menu | 餐食, 飞机餐, 饮料, 餐
entertainment | Entertainment and Wi-Fi | | entertainment, screen, movies, wifi, wi-fi, internet, headphones, usb | 娱乐, 屏幕, 电影, 网络
${CLEAN.replace(', bed bugs, bedbugs', '').replace(', hair |', ' |')}
${VALUE}, fare, fares, baggage fee
${SHARED.replace('accident |', 'accident, emergency, engine, unsafe landing |')}
air_traffic_control | Air traffic control | external | air traffic control, atc, air traffic, airspace, traffic control, flow control | 空管, 流量控制, 航空管制, 空中管制
${overall('airline, flight, flights, fly, flew, carrier', '航空公司, 航班')}
`;

const TOUR_COMMON = `
itinerary | Itinerary | | itinerary, schedule, program, programme, route, plan, activities, stops, sights, sightseeing, rushed, free time | 行程, 路线, 安排, 景点, 自由活动
shopping_stops | Shopping stops | | shopping, shop, shops, store, souvenir, forced shopping, commission, jewelry store, jade, tea shop, sales pitch | 购物, 购物店, 强制消费, 自费, 推销
transport | Transport | | bus, coach, van, driver, transfer, pickup, pick-up, pick up, transportation, minibus, boat, ferry | 大巴, 司机, 接送, 交通, 车
${VALUE}, extra charges, hidden fees, tips, tipping
${SHARED}
`;

const TOUR = `
guide | Guide | | guide, tour guide, leader, tour leader, host, knowledgeable, knowledge, explained, explanation, friendly, rude, helpful | 导游, 领队, 讲解, 知识
accommodation | Accommodation | | hotel, room, accommodation, accommodations, lodge, hostel, bed | 住宿, 酒店, 房间
food | Food | | meal, meals, food, lunch, dinner, breakfast, restaurant | 餐, 饭菜, 团餐, 早餐, 午餐
group | Group | | group, group size, crowded, tourists, other travelers, other travellers | 团友, 人太多, 拥挤, 团
${TOUR_COMMON}
${overall('tour, trip, excursion, day trip, outing, company', '旅行, 旅游, 这个团, 跟团')}
`;

const GUIDE = `
guide | Guide's knowledge and manner | | guide, knowledgeable, knowledge, explained, explanation, storytelling, stories, english, language, friendly, rude, helpful, patient, passionate | 导游, 讲解, 知识, 耐心, 态度
punctuality | Punctuality | | late, on time, waited, wait, punctual, delay, delayed | 迟到, 准时, 等了, 晚到
communication | Communication | | communication, respond, responded, reply, replied, message, contact, email, whatsapp | 沟通, 回复, 联系, 回消息
${TOUR_COMMON}
${overall('tour, trip, day, excursion, walk', '旅行, 一天, 这次')}
`;

const CAR = `
vehicle_condition | Vehicle condition | | car, vehicle, condition, dent, scratch, tires, tyres, engine, brakes, mileage, model, upgrade, warning light | 车况, 车辆, 划痕, 轮胎, 车型, 发动机
${CLEAN.replace(', bed bugs, bedbugs', '')}
pickup_return | Pick-up and return | | pickup, pick-up, pick up, picked up, drop off, drop-off, return, returned, counter, desk, shuttle, wait, waited, queue, line, location | 取车, 还车, 门店, 排队, 接驳
deposit_fees | Deposit and fees | | deposit, fee, fees, charge, charged, hidden fees, extra, surcharge, hold, toll, fuel, refund | 押金, 费用, 扣费, 额外收费, 油费, 退款
insurance | Insurance | | insurance, coverage, cdw, waiver, damage claim, excess | 保险, 理赔, 免赔
staff | Staff and service | | staff, agent, service, representative, employee, manager, friendly, rude, helpful, customer service | 服务, 员工, 工作人员, 态度, 客服人员
value | Value for money | | price, prices, rate, value, expensive, overpriced, cheap, affordable, worth, deal, cost | 价格, 性价比, 贵, 便宜, 划算
${SHARED.replace('accident |', 'accident, breakdown, broke down, broken down |').replace(', 受伤', ', 受伤, 故障')}
${overall('rental, company, car hire, car rental, agency', '租车, 这家')}
`;

const GENERIC = `
service | Service | | service, staff, friendly, rude, helpful, unhelpful, customer service, attitude, employee | 服务, 态度, 员工, 客服人员
quality | Quality | | quality, broken, poor quality, excellent quality, condition, defective, damaged | 质量, 品质, 坏了, 破损
${VALUE}
${CLEAN.replace(', bed bugs, bedbugs', '').replace(', hair |', ' |')}
communication | Communication | | communication, respond, responded, reply, replied, message, contact, email | 沟通, 回复, 联系
punctuality | Punctuality | | late, on time, delay, delayed, waited, punctual | 迟到, 准时, 延误, 等了
${SHARED}
${overall('company, product, purchase, business', '这家, 商家')}
`;

function taxonomy(table: string): readonly Aspect[] {
  const list = (cell: string) =>
    cell
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== '');
  return table
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [key, label, flags, english, chinese] = line.split('|').map((cell) => cell.trim());
      return {
        key,
        label,
        supplierControllable: !flags.includes('external'),
        critical: flags.includes('critical'),
        terms: [...list(english), ...list(chinese)],
      };
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

const DEFAULTS: Readonly<Record<string, readonly Aspect[]>> = {
  hotel: taxonomy(HOTEL),
  flight: taxonomy(FLIGHT),
  tour: taxonomy(TOUR),
  guide: taxonomy(GUIDE),
  car: taxonomy(CAR),
};
const GENERIC_SET = taxonomy(GENERIC);

/** The categories with a taxonomy of their own; every other category gets the generic set. */
export const BUILT_IN_TAXONOMY_CATEGORIES: readonly string[] = Object.keys(DEFAULTS);

/** The built-in taxonomy of a category (`hotel`, `tour`, `flight`, `guide`, `car`; others the generic set), a fresh copy. */
export function defaultAspects(category: string): Aspect[] {
  return (DEFAULTS[category] ?? GENERIC_SET).map((a) => ({ ...a, terms: [...a.terms] }));
}

/**
 * Rules over a whole taxonomy that the edge's per-field checks cannot see: unique keys, terms that
 * are not blank, no term repeated within an aspect. Fields are named as the request names them
 * (`aspects[2].terms[0]`). An empty list means the taxonomy is consistent.
 */
export function aspectViolations(aspects: readonly Aspect[], field = 'aspects'): Array<{ field: string; message: string }> {
  const violations: Array<{ field: string; message: string }> = [];
  const keys = new Set<string>();
  aspects.forEach((a, i) => {
    if (keys.has(a.key)) violations.push({ field: `${field}[${i}].key`, message: `repeats the key "${a.key}"` });
    keys.add(a.key);
    if (a.terms.length === 0) violations.push({ field: `${field}[${i}].terms`, message: 'must name at least one term' });
    const seen = new Set<string>();
    a.terms.forEach((term, j) => {
      const normal = term.trim().toLowerCase();
      if (normal === '') violations.push({ field: `${field}[${i}].terms[${j}]`, message: 'must not be blank' });
      else if (seen.has(normal)) violations.push({ field: `${field}[${i}].terms[${j}]`, message: `repeats the term "${term}"` });
      seen.add(normal);
    });
  });
  return violations;
}
