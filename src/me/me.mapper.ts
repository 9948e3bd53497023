import type { ComplaintResponseDto } from '../complaints/dto/complaint-response.dto.js';
import { isJobActor, PERSON_SEEN_BY_SUPPLIERS } from '../decisions/domain/supplier-view.js';
import type { LedgerEntryResponseDto } from '../ledger/dto/ledger-response.dto.js';
import type { SupplierComplaintDto } from './dto/me.dto.js';

/** A complaint without the customer's words (`description`): a supplier learns the order, never the customer. */
export function complaintForSupplier(c: ComplaintResponseDto): SupplierComplaintDto {
  const { description: _words, ...rest } = c;
  return rest;
}

/** A ledger entry where a person who acted reads "category manager". */
export function ledgerEntryForSupplier(e: LedgerEntryResponseDto): LedgerEntryResponseDto {
  return { ...e, actor: isJobActor(e.actor) ? e.actor : PERSON_SEEN_BY_SUPPLIERS };
}
