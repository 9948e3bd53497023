import { Injectable } from '@nestjs/common';

import { assertCategoryAccess } from '../../common/auth/category-access.js';
import type { Principal } from '../../common/auth/principal.js';
import { resolveAsOf } from '../../common/time/as-of.js';
import type { Policy } from '../../policies/domain/policy.js';
import { PoliciesService } from '../../policies/policies.service.js';
import { SuppliersService } from '../../suppliers/suppliers.service.js';
import { AspectReportsRepository } from './aspect-reports.repository.js';
import {
  type AspectLine,
  aspectLines,
  criticalKeys,
  type CriticalMention,
  type Driver,
  drivers,
  taxonomyOf,
  TOP_SUPPLIERS,
} from './domain/aspect-reports.js';

export interface AspectsReport {
  supplierId: string;
  asOf: string;
  days: number;
  aspects: AspectLine[];
}

export interface DriversReport {
  category: string;
  asOf: string;
  days: number;
  negativeReviews: number;
  drivers: Driver[];
}

/** The window a report reads: as of a date (default today) over `days` (default the policy's first evaluation window). */
export interface ReportWindow {
  asOf?: string;
  days?: number;
}

/**
 * What a supplier's reviews are about, what drives a category's negative ones, and which suppliers
 * had a critical aspect spoken of negatively (read by the audit targets). Read from the roll-ups,
 * under the taxonomy of the category's latest policy.
 */
@Injectable()
export class AspectReportsService {
  constructor(
    private readonly repository: AspectReportsRepository,
    private readonly suppliers: SuppliersService,
    private readonly policies: PoliciesService,
  ) {}

  /** A supplier's aspects over the window and the previous one of the same length (404 unknown, 403 another category's). */
  async supplierAspects(supplierId: string, window: ReportWindow, principal: Principal): Promise<AspectsReport> {
    const supplier = await this.suppliers.getVisible(supplierId, principal);
    const policy = await this.policies.getLatest(supplier.category);
    const asOf = resolveAsOf(window.asOf);
    const days = window.days ?? policy.evaluationWindows[0];
    const counts = await this.repository.supplierWindows(supplier.id, asOf, days);
    return { supplierId: supplier.id, asOf, days, aspects: aspectLines(taxonomyOf(policy), counts) };
  }

  /** The category's drivers of negative reviews over the window (403 another category's, 404 a category without a policy). */
  async categoryDrivers(category: string, window: ReportWindow, principal: Principal): Promise<DriversReport> {
    assertCategoryAccess(principal, category);
    const policy = await this.policies.getLatest(category);
    const asOf = resolveAsOf(window.asOf);
    const days = window.days ?? policy.evaluationWindows[0];
    const [negativeReviews, counts] = await Promise.all([
      this.repository.negativeReviews(category, asOf, days, policy.positiveMinRating),
      this.repository.driverCounts(category, asOf, days, policy.positiveMinRating, TOP_SUPPLIERS),
    ]);
    return { category, asOf, days, negativeReviews, drivers: drivers(taxonomyOf(policy), negativeReviews, counts) };
  }

  /**
   * For each supplier of the batch with any: the critical aspects of the policy's taxonomy its
   * reviews tagged NEGATIVE in the policy's first evaluation window before `asOf`, in taxonomy order.
   */
  async criticalMentions(policy: Policy, supplierIds: string[], asOf: string): Promise<Map<string, CriticalMention[]>> {
    const keys = criticalKeys(taxonomyOf(policy));
    const found = await this.repository.criticalNegatives(supplierIds, asOf, policy.evaluationWindows[0], keys);
    const result = new Map<string, CriticalMention[]>();
    for (const [supplierId, byKey] of found) {
      result.set(
        supplierId,
        keys.filter((key) => byKey.has(key)).map((key) => ({ key, negative: byKey.get(key)! })),
      );
    }
    return result;
  }
}
