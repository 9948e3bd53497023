import { Module } from '@nestjs/common';

import { SupplierSearchController } from './supplier-search.controller.js';
import { SupplierSearchRepository } from './supplier-search.repository.js';
import { SupplierSearchService } from './supplier-search.service.js';

/** Triage for category managers (issue 19): supplier search, the category overview; reads only. */
@Module({
  controllers: [SupplierSearchController],
  providers: [SupplierSearchRepository, SupplierSearchService],
})
export class TriageModule {}
