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

const aspect = (key: string, label: string, terms: string[], options: { controllable?: boolean; critical?: boolean } = {}): Aspect => ({
  key,
  label,
  supplierControllable: options.controllable ?? true,
  critical: options.critical ?? false,
  terms,
});

/** The hotel taxonomy (PRODUCT.md's example). The keys are fixed: the labelled evaluation set uses them. */
const HOTEL: readonly Aspect[] = [
  aspect('cleanliness', 'Cleanliness', ['clean', 'dirty', 'filthy', 'stain', 'dust', 'smell', 'mold', '干净', '脏', '卫生']),
  aspect('staff', 'Staff and service', [
    'staff',
    'service',
    'reception',
    'receptionist',
    'manager',
    'friendly',
    'rude',
    '服务',
    '前台',
    '员工',
  ]),
  aspect('room', 'Room', ['room', 'suite', 'view', 'air conditioning', 'aircon', 'ac', '房间', '客房']),
  aspect('bed_sleep', 'Bed and sleep', ['bed', 'beds', 'pillow', 'mattress', 'sleep', 'sheets', '床', '睡']),
  aspect('noise', 'Noise', ['noise', 'noisy', 'loud', 'quiet', 'thin walls', '噪音', '吵', '安静']),
  aspect('breakfast_food', 'Breakfast and food', ['breakfast', 'food', 'restaurant', 'dinner', 'coffee', 'buffet', '早餐', '餐厅', '食物']),
  aspect('location', 'Location', ['location', 'located', 'walk', 'walking distance', 'close to', 'near', '位置', '地段', '交通']),
  aspect('value', 'Value for money', ['price', 'value', 'expensive', 'overpriced', 'cheap', 'worth', '性价比', '价格', '贵']),
  aspect('check_in', 'Check-in and check-out', ['check-in', 'check in', 'checkin', 'check-out', 'check out', 'checkout', '入住', '退房']),
  aspect('bathroom', 'Bathroom', ['bathroom', 'shower', 'toilet', 'bath', 'towel', 'towels', '卫生间', '浴室', '淋浴']),
  aspect('wifi', 'Wi-Fi', ['wifi', 'wi-fi', 'internet', 'wireless', '网络', '无线']),
  aspect('safety', 'Safety', ['safe', 'unsafe', 'safety', 'security', 'dangerous', 'theft', 'stolen', 'fire', '安全', '危险'], {
    critical: true,
  }),
  aspect('weather', 'Weather', ['weather', 'rain', 'storm', 'snow', 'hurricane', '天气', '下雨'], { controllable: false }),
  aspect('platform_booking', "The platform's booking service", ['booking site', 'the app', 'website', 'booked through', '预订', '平台'], {
    controllable: false,
  }),
];

const GENERIC: readonly Aspect[] = [
  aspect('service', 'Service', ['service', 'staff', 'friendly', 'rude', 'helpful', '服务', '态度']),
  aspect('quality', 'Quality', ['quality', 'broken', 'poor', 'excellent', '质量']),
  aspect('value', 'Value for money', ['price', 'value', 'expensive', 'overpriced', 'cheap', 'worth', '性价比', '价格', '贵']),
  aspect('safety', 'Safety', ['safe', 'unsafe', 'safety', 'dangerous', 'accident', '安全', '危险'], { critical: true }),
  aspect('weather', 'Weather', ['weather', 'rain', 'storm', 'snow', '天气', '下雨'], { controllable: false }),
  aspect('platform_booking', "The platform's booking service", ['booking site', 'the app', 'website', '预订', '平台'], {
    controllable: false,
  }),
];

const DEFAULTS: Readonly<Record<string, readonly Aspect[]>> = { hotel: HOTEL };

/** The built-in taxonomy of a category (`hotel`, `tour`, `flight`, `guide`, `car`; others the generic set), a fresh copy. */
export function defaultAspects(category: string): Aspect[] {
  return (DEFAULTS[category] ?? GENERIC).map((a) => ({ ...a, terms: [...a.terms] }));
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
