import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { assertCategoryAccess } from '../../common/auth/category-access.js';
import { categoryScope, type Principal } from '../../common/auth/principal.js';
import { decodeCursor, DEFAULT_LIMIT, type Page, toPage } from '../../common/pagination/page.js';
import { ReviewsService } from '../../reviews/reviews.service.js';
import { NON_CONTROLLABLE_ASPECTS, ruleReason } from '../rules/exclusion-rule.js';
import { VoiceException, VoiceExceptionCode } from '../voice.exception.js';
import { ExclusionProposalsRepository, type ProposalRow, type ProposalStatus } from './exclusion-proposals.repository.js';

/**
 * The queue of exclusions the rule proposes (autoExclusion PROPOSE): a manager of the category
 * accepts one (the review is excluded through the reviews module, logged with the rule and its
 * aspects) or rejects it (the review counts, and the rule never proposes or applies it again).
 * Decided once: a second decision is 409.
 */
@Injectable()
export class ExclusionProposalsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proposals: ExclusionProposalsRepository,
    private readonly reviews: ReviewsService,
  ) {}

  async list(
    query: { category?: string; status?: ProposalStatus; limit?: number; cursor?: string },
    principal: Principal,
  ): Promise<Page<ProposalRow>> {
    if (query.category !== undefined) assertCategoryAccess(principal, query.category);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.proposals.list(
      { scope: categoryScope(principal) ?? null, category: query.category, status: query.status },
      decodeCursor(query.cursor),
      limit,
    );
    return toPage(
      rows,
      limit,
      (r) => r.seq,
      (r) => r,
    );
  }

  async accept(id: string, reason: string | undefined, principal: Principal): Promise<ProposalRow> {
    return this.decide(id, principal, async (manager, proposal) => {
      const because = reason?.trim() || ruleReason(proposal.aspects);
      await this.reviews.excludeIn(manager, proposal.review_id, because, principal, {
        rule: NON_CONTROLLABLE_ASPECTS,
        aspects: proposal.aspects,
      });
      await this.proposals.decide(manager, { id }, 'ACCEPTED', because, principal.sub);
    });
  }

  async reject(id: string, reason: string, principal: Principal): Promise<ProposalRow> {
    return this.decide(id, principal, (manager) => this.proposals.decide(manager, { id }, 'REJECTED', reason.trim(), principal.sub));
  }

  /** The pending proposal, locked and in the caller's categories, decided by `write` in one transaction. */
  private async decide(
    id: string,
    principal: Principal,
    write: (manager: EntityManager, proposal: ProposalRow) => Promise<void>,
  ): Promise<ProposalRow> {
    await this.dataSource.transaction(async (manager) => {
      const proposal = await this.proposals.find(id, manager, true);
      if (proposal === null) throw new VoiceException(VoiceExceptionCode.PROPOSAL_NOT_FOUND, `Exclusion proposal ${id} does not exist`);
      assertCategoryAccess(principal, proposal.category);
      if (proposal.status !== 'PENDING') {
        throw new VoiceException(
          VoiceExceptionCode.PROPOSAL_DECIDED,
          `Exclusion proposal ${id} was ${proposal.status} on ${proposal.decided_at?.toISOString()} by ${proposal.decided_by}`,
        );
      }
      await write(manager, proposal);
    });
    return (await this.proposals.find(id))!;
  }
}
