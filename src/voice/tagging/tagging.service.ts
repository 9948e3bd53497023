import { Injectable } from '@nestjs/common';

import { assertCategoryAccess } from '../../common/auth/category-access.js';
import type { Principal } from '../../common/auth/principal.js';
import { PoliciesService } from '../../policies/policies.service.js';
import { ReviewsService } from '../../reviews/reviews.service.js';

/** The tagger's state as managers read it, and a category's retag after its taxonomy changed. */
@Injectable()
export class TaggingService {
  constructor(
    private readonly reviews: ReviewsService,
    private readonly policies: PoliciesService,
  ) {}

  async status(): Promise<{ pending: number; oldestEnqueuedAt: Date | null; lagSeconds: number }> {
    return this.reviews.tagQueueStatus();
  }

  /** Queues every review of the category for the tagger, which reads the category's latest policy when it tags each. */
  async retag(category: string, principal: Principal): Promise<{ category: string; policyVersion: number; queued: number }> {
    assertCategoryAccess(principal, category);
    const policy = await this.policies.getLatest(category);
    return { category, policyVersion: policy.version, queued: await this.reviews.enqueueCategory(category) };
  }
}
