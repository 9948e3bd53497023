import { Module } from '@nestjs/common';

import { AppealsModule } from '../appeals/appeals.module.js';
import { AuditsModule } from '../audits/audits.module.js';
import { ComplaintsModule } from '../complaints/complaints.module.js';
import { DecisionsModule } from '../decisions/decisions.module.js';
import { PoliciesModule } from '../policies/policies.module.js';
import { SuppliersModule } from '../suppliers/suppliers.module.js';
import { CategoryOverviewController } from './overview/category-overview.controller.js';
import { CategoryOverviewService } from './overview/category-overview.service.js';
import { SupplierSearchController } from './supplier-search.controller.js';
import { SupplierSearchRepository } from './supplier-search.repository.js';
import { SupplierSearchService } from './supplier-search.service.js';

/** Triage for category managers (issue 19): supplier search, the category overview; reads only. */
@Module({
  imports: [PoliciesModule, SuppliersModule, DecisionsModule, ComplaintsModule, AppealsModule, AuditsModule],
  controllers: [SupplierSearchController, CategoryOverviewController],
  providers: [SupplierSearchRepository, SupplierSearchService, CategoryOverviewService],
})
export class TriageModule {}
