/**
 * A category's governance policy: every number the rules use. Plain TypeScript, no framework.
 * Defaults are PRODUCT.md's, for a policy created with no fields; the taxonomy's default depends
 * on the category (`defaultsFor`).
 */
import { type Aspect, aspectViolations, type AutoExclusion, DEFAULT_AUTO_EXCLUSION, defaultAspects } from './aspects.js';

export type RateMethod = 'RAW' | 'WILSON';
export const RATE_METHODS: readonly RateMethod[] = ['RAW', 'WILSON'];

export interface ChecklistItem {
  key: string;
  label: string;
  weight: number;
}

export interface PolicySettings {
  positiveMinRating: number;
  windows: number[];
  evaluationWindows: number[];
  minReviews: number;
  rateMethod: RateMethod;
  confidence: number;
  rewardThreshold: number;
  admissionThreshold: number;
  penaltyThreshold: number;
  delistThreshold: number;
  probationDays: number;
  reinstateMargin: number;
  readmissionCooldownDays: number;
  auditPassScore: number;
  auditNegativeRate: number;
  auditShiftThreshold: number;
  auditChecklist: ChecklistItem[];
  complaintResponseHours: number;
  complaintResolutionHours: number;
  complaintWindowDays: number;
  minOrders: number;
  complaintRateThreshold: number;
  appealWindowDays: number;
  appealDecisionHours: number;
  /** The taxonomy the voice of the customer tags reviews with (aspects.ts). */
  aspects: Aspect[];
  /** What the exclusion rule does with a negative review about non-controllable aspects only. */
  autoExclusion: AutoExclusion;
}

export interface Policy extends PolicySettings {
  category: string;
  version: number;
  createdAt: Date;
  createdBy: string;
}

export const DEFAULT_POLICY: Readonly<PolicySettings> = Object.freeze({
  positiveMinRating: 4,
  windows: [30, 90, 180, 365],
  evaluationWindows: [90, 365],
  minReviews: 20,
  rateMethod: 'RAW',
  confidence: 0.95,
  rewardThreshold: 0.95,
  admissionThreshold: 0.9,
  penaltyThreshold: 0.85,
  delistThreshold: 0.7,
  probationDays: 30,
  reinstateMargin: 0.02,
  readmissionCooldownDays: 90,
  auditPassScore: 60,
  auditNegativeRate: 0.2,
  auditShiftThreshold: 0.15,
  auditChecklist: [
    { key: 'as_described', label: 'Product as described', weight: 3 },
    { key: 'safety', label: 'Safety', weight: 3 },
    { key: 'service', label: 'Service', weight: 2 },
    { key: 'cleanliness', label: 'Cleanliness', weight: 2 },
  ],
  complaintResponseHours: 24,
  complaintResolutionHours: 72,
  complaintWindowDays: 90,
  minOrders: 100,
  complaintRateThreshold: 0.01,
  appealWindowDays: 14,
  appealDecisionHours: 48,
  // The generic taxonomy; a category's own default replaces it (`defaultsFor`).
  aspects: defaultAspects(''),
  autoExclusion: DEFAULT_AUTO_EXCLUSION,
});

/** PRODUCT.md's defaults for a category: DEFAULT_POLICY with the category's built-in taxonomy. */
export function defaultsFor(category?: string): PolicySettings {
  return { ...DEFAULT_POLICY, aspects: defaultAspects(category ?? '') };
}

/** The names of a policy's settings, in the order responses and diffs list them. */
export const POLICY_FIELDS = Object.keys(DEFAULT_POLICY) as ReadonlyArray<keyof PolicySettings>;

/** The settings of a stored version, without its identity (category, version, author, date). */
export function settingsOf(policy: PolicySettings): PolicySettings {
  return Object.fromEntries(POLICY_FIELDS.map((field) => [field, policy[field]])) as unknown as PolicySettings;
}

/** The fields a draft actually gives (an omitted or undefined field is not given). */
export function givenFields(draft: Partial<PolicySettings>): Array<keyof PolicySettings> {
  return POLICY_FIELDS.filter((field) => draft[field] !== undefined && draft[field] !== null);
}

/**
 * The draft's given fields changed on `base`, every other field kept as `base` has it; windows
 * come out sorted and unique, and a given `auditChecklist` or `aspects` replaces the base's whole.
 * The result shares no object with either input.
 */
export function mergeOnto(base: PolicySettings, draft: Partial<PolicySettings>): PolicySettings {
  const merged = { ...settingsOf(base) } as Record<keyof PolicySettings, unknown>;
  for (const field of givenFields(draft)) merged[field] = draft[field];
  const settings = merged as PolicySettings;
  return {
    ...settings,
    windows: [...new Set(settings.windows)].sort((a, b) => a - b),
    evaluationWindows: [...settings.evaluationWindows],
    auditChecklist: settings.auditChecklist.map((item) => ({ key: item.key, label: item.label, weight: item.weight })),
    aspects: copyAspects(settings.aspects),
  };
}

/** A taxonomy that shares no object with `aspects`, each aspect with exactly its five fields. */
export function copyAspects(aspects: readonly Aspect[]): Aspect[] {
  return aspects.map((a) => ({
    key: a.key,
    label: a.label,
    supplierControllable: a.supplierControllable,
    critical: a.critical,
    terms: [...a.terms],
  }));
}

/**
 * Fills omitted fields with the defaults (what PUT publishes), the taxonomy with the category's
 * built-in one (the generic set without a category); windows are kept sorted and unique.
 */
export function withDefaults(draft: Partial<PolicySettings>, category?: string): PolicySettings {
  return mergeOnto(defaultsFor(category), draft);
}

/** The rate a supplier on probation must recover to for reinstatement: the admission bar plus the margin. */
export function reinstatementBar(policy: Pick<PolicySettings, 'admissionThreshold' | 'reinstateMargin'>): number {
  return policy.admissionThreshold + policy.reinstateMargin;
}

export interface PolicyViolation {
  field: string;
  message: string;
}

/**
 * Rules that span fields (single-field ranges are checked at the edge). An empty list means the
 * policy is consistent.
 */
export function policyViolations(policy: PolicySettings): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
  const order: Array<[keyof PolicySettings, number]> = [
    ['delistThreshold', policy.delistThreshold],
    ['penaltyThreshold', policy.penaltyThreshold],
    ['admissionThreshold', policy.admissionThreshold],
    ['rewardThreshold', policy.rewardThreshold],
  ];
  for (let i = 1; i < order.length; i++) {
    const [lowName, low] = order[i - 1];
    const [highName, high] = order[i];
    if (low > high) {
      violations.push({ field: highName, message: `must be at least ${lowName} (${low}), got ${high}` });
    }
  }
  // Above 100% no rate reaches the reinstatement bar, and every probation would end in delisting.
  if (reinstatementBar(policy) > 1 + 1e-9) {
    violations.push({
      field: 'reinstateMargin',
      message: `admissionThreshold + reinstateMargin is the reinstatement bar and must be at most 1, got ${policy.admissionThreshold} + ${policy.reinstateMargin}: no supplier on probation could be reinstated`,
    });
  }
  if (policy.complaintResolutionHours < policy.complaintResponseHours) {
    violations.push({
      field: 'complaintResolutionHours',
      message: `must be at least complaintResponseHours (${policy.complaintResponseHours}), got ${policy.complaintResolutionHours}: a complaint is answered before it is resolved`,
    });
  }
  const ew = policy.evaluationWindows;
  for (let i = 1; i < ew.length; i++) {
    if (ew[i] <= ew[i - 1]) {
      violations.push({ field: 'evaluationWindows', message: 'must be listed shortest first, without repeats' });
      break;
    }
  }
  const keys = new Set<string>();
  policy.auditChecklist.forEach((item, index) => {
    if (keys.has(item.key)) {
      violations.push({ field: `auditChecklist[${index}].key`, message: `repeats the key "${item.key}"` });
    }
    keys.add(item.key);
  });
  violations.push(...aspectViolations(policy.aspects));
  return violations;
}
