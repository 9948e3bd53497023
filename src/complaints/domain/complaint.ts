/** The vocabulary of complaints (PRODUCT.md, "Complaints and advance compensation"). */
export const COMPLAINT_CATEGORIES = [
  'NOT_AS_DESCRIBED',
  'SERVICE_NOT_PROVIDED',
  'CLEANLINESS',
  'STAFF_CONDUCT',
  'SAFETY',
  'OVERBOOKED',
  'SUPPLIER_CHANGE',
  'BILLING',
  'FORCE_MAJEURE',
  'PLATFORM_ERROR',
  'CUSTOMER_CHANGE',
  'OTHER',
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const COMPLAINT_STATUSES = ['OPEN', 'RESPONDED', 'RESOLVED', 'WITHDRAWN'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const FAULTS = ['SUPPLIER', 'PLATFORM', 'CUSTOMER', 'NONE'] as const;
export type Fault = (typeof FAULTS)[number];

/** A stored complaint as the rules see it. */
export interface Complaint {
  id: string;
  seq: string;
  source: string;
  externalId: string;
  supplierId: string;
  /** The supplier's name (read in a join). */
  supplierName: string;
  /** The supplier's category (the complaint's own kind is `complaintCategory`). */
  category: string;
  orderRef: string;
  openedAt: Date;
  complaintCategory: ComplaintCategory;
  severity: Severity;
  description: string;
  claimedMinor: bigint | null;
  claimedCurrency: string | null;
  /** The claimed currency's minor digits (ISO 4217). */
  claimedDigits: number | null;
  status: ComplaintStatus;
  policyVersion: number;
  respondBy: Date;
  resolveBy: Date;
  respondedAt: Date | null;
  respondedBy: string | null;
  responseMessage: string | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  fault: Fault | null;
  resolution: string | null;
  withdrawnAt: Date | null;
  withdrawnBy: string | null;
  withdrawalReason: string | null;
  createdBy: string;
  createdAt: Date;
}
