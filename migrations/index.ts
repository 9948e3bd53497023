import { CreateFoundationSchema1764072000000 } from './1764072000000-CreateFoundationSchema.js';
import { CreateReviews1764075600000 } from './1764075600000-CreateReviews.js';
import { CreateGovernance1764079200000 } from './1764079200000-CreateGovernance.js';
import { CreateEventsAndJobs1764082800000 } from './1764082800000-CreateEventsAndJobs.js';
import { CreateAudits1764086400000 } from './1764086400000-CreateAudits.js';
import { CoverRollupKey1764090000000 } from './1764090000000-CoverRollupKey.js';
import { DropReviewForeignKeys1764093600000 } from './1764093600000-DropReviewForeignKeys.js';
import { LightenRunWrites1764097200000 } from './1764097200000-LightenRunWrites.js';
import { LightenDecisionWrites1764100800000 } from './1764100800000-LightenDecisionWrites.js';
import { GuardDecisionLog1764104400000 } from './1764104400000-GuardDecisionLog.js';
import { DropIdleIndexes1764108000000 } from './1764108000000-DropIdleIndexes.js';
import { RoomForSupplierUpdates1764111600000 } from './1764111600000-RoomForSupplierUpdates.js';
import { StoreEvidenceAsWritten1764115200000 } from './1764115200000-StoreEvidenceAsWritten.js';
import { TimeOrderedSupplierIds1764118800000 } from './1764118800000-TimeOrderedSupplierIds.js';
import { KeepStatusOutOfSupplierIndexes1764122400000 } from './1764122400000-KeepStatusOutOfSupplierIndexes.js';
import { EvidenceByReference1764126000000 } from './1764126000000-EvidenceByReference.js';
import { DecisionLogView1764129600000 } from './1764129600000-DecisionLogView.js';
import { AddApplicationNextStep1764133200000 } from './1764133200000-AddApplicationNextStep.js';
import { StoreAuditStanding1764140400000 } from './1764140400000-StoreAuditStanding.js';
import { StoreSupplierHolds1764144000000 } from './1764144000000-StoreSupplierHolds.js';
import { CreateComplaintsAndOrders1764150000000 } from './1764150000000-CreateComplaintsAndOrders.js';
import { OpenOutboxToOtherEvents1764151800000 } from './1764151800000-OpenOutboxToOtherEvents.js';
import { CreateLedger1764153600000 } from './1764153600000-CreateLedger.js';
import { MarkComplaintOverdueEvents1764157200000 } from './1764157200000-MarkComplaintOverdueEvents.js';
import { CreateAppeals1764165600000 } from './1764165600000-CreateAppeals.js';
import { CreateVoiceOfCustomer1764169200000 } from './1764169200000-CreateVoiceOfCustomer.js';
import { CoverOrderVolumesKey1764172800000 } from './1764172800000-CoverOrderVolumesKey.js';
import { RecordTaggedCounts1764176400000 } from './1764176400000-RecordTaggedCounts.js';
import { IndexTriageReads1764180000000 } from './1764180000000-IndexTriageReads.js';
import { CompactAspectRollups1764190800000 } from './1764190800000-CompactAspectRollups.js';
import { CreateAmqpPublications1764194400000 } from './1764194400000-CreateAmqpPublications.js';
import { RecordHoldLifts1764198000000 } from './1764198000000-RecordHoldLifts.js';
import { ConstrainOpenComplaints1764201600000 } from './1764201600000-ConstrainOpenComplaints.js';

/** Every migration, oldest first. A new migration is added here as well as to this folder. */
export const MIGRATIONS = [
  CreateFoundationSchema1764072000000,
  CreateReviews1764075600000,
  CreateGovernance1764079200000,
  CreateEventsAndJobs1764082800000,
  CreateAudits1764086400000,
  CoverRollupKey1764090000000,
  DropReviewForeignKeys1764093600000,
  LightenRunWrites1764097200000,
  LightenDecisionWrites1764100800000,
  GuardDecisionLog1764104400000,
  DropIdleIndexes1764108000000,
  RoomForSupplierUpdates1764111600000,
  StoreEvidenceAsWritten1764115200000,
  TimeOrderedSupplierIds1764118800000,
  KeepStatusOutOfSupplierIndexes1764122400000,
  EvidenceByReference1764126000000,
  DecisionLogView1764129600000,
  AddApplicationNextStep1764133200000,
  StoreAuditStanding1764140400000,
  StoreSupplierHolds1764144000000,
  CreateComplaintsAndOrders1764150000000,
  OpenOutboxToOtherEvents1764151800000,
  CreateLedger1764153600000,
  MarkComplaintOverdueEvents1764157200000,
  CreateAppeals1764165600000,
  CreateVoiceOfCustomer1764169200000,
  CoverOrderVolumesKey1764172800000,
  RecordTaggedCounts1764176400000,
  IndexTriageReads1764180000000,
  CompactAspectRollups1764190800000,
  CreateAmqpPublications1764194400000,
  RecordHoldLifts1764198000000,
  ConstrainOpenComplaints1764201600000,
];
