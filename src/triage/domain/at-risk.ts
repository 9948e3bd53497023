import { addDays, todayUtc } from '../../common/time/dates.js';
import { decideSanction } from '../../governance/domain/sanctions.js';
import type { PolicySettings } from '../../policies/domain/policy.js';
import { type Evaluation, tierFor } from '../../scoring/domain/evaluation.js';
import type { SupplierStanding } from '../../suppliers/suppliers.repository.js';

/** The sanctions a manager triages: what "at risk" means (issue 19). */
export const RISK_KINDS = ['PENALTY', 'DELIST', 'WARNING'] as const;
export type RiskKind = (typeof RISK_KINDS)[number];

/** The snapshot a run stored: the evaluation it decided on. */
export type SnapshotEvaluation = Pick<Evaluation, 'windowDays' | 'n' | 'positives' | 'rate' | 'tier'>;

type RiskPolicy = Parameters<typeof decideSanction>[0];

/** The next scoring run a manager waits for: the nightly one, dated the next UTC day. */
export function nextRunDate(now: Date = new Date()): string {
  return addDays(todayUtc(now), 1);
}

/**
 * What the next run would decide for a supplier, if that is a sanction: the pure sanction state
 * machine applied to the latest snapshot's rate, tiered under the category's latest policy (the
 * one the next run applies), with the supplier's standing as stored (its tier, probation, hold and
 * audit standing) and no complaint figures (the complaint rule is not read here). A supplier never
 * scored counts as INSUFFICIENT_DATA, so only the end of its probation can put it at risk. The
 * search's SQL (`riskSql` in supplier-search.repository.ts) is the twin of this function; the e2e
 * tests hold the two equal.
 */
export function riskOf(
  policy: RiskPolicy & Pick<PolicySettings, 'rewardThreshold' | 'admissionThreshold' | 'penaltyThreshold'>,
  standing: SupplierStanding,
  snapshot: SnapshotEvaluation | null,
  asOf: string,
): RiskKind | null {
  const sufficient = snapshot !== null && snapshot.rate !== null && snapshot.tier !== 'INSUFFICIENT_DATA';
  const evaluation: Evaluation = {
    windowDays: sufficient ? snapshot.windowDays : null,
    n: snapshot?.n ?? 0,
    positives: snapshot?.positives ?? 0,
    rawRate: null,
    wilsonLower: null,
    rate: sufficient ? snapshot.rate : null,
    tier: sufficient ? tierFor(snapshot.rate!, policy) : 'INSUFFICIENT_DATA',
  };
  const outcome = decideSanction(policy, {
    status: standing.status,
    storedTier: standing.tier,
    probationEndsAt: standing.probationEndsAt,
    asOf,
    evaluation,
    auditFailedOn: standing.auditFailedOn,
    holdUntil: standing.holdUntil,
    complaints: null,
  });
  return (RISK_KINDS as readonly string[]).includes(outcome.decision ?? '') ? (outcome.decision as RiskKind) : null;
}
