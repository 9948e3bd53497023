import type { AspectsReport, DriversReport } from './aspect-reports.service.js';
import type { CategoryDriversDto, SupplierAspectsDto } from './dto/aspect-reports.dto.js';

export function aspectsReportToResponse(report: AspectsReport): SupplierAspectsDto {
  return {
    supplierId: report.supplierId,
    asOf: report.asOf,
    days: report.days,
    aspects: report.aspects.map((a) => ({
      key: a.key,
      label: a.label,
      supplierControllable: a.supplierControllable,
      mentions: a.mentions,
      negative: a.negative,
      negativeShare: a.negativeShare,
      previousNegativeShare: a.previousNegativeShare,
    })),
  };
}

export function driversReportToResponse(report: DriversReport): CategoryDriversDto {
  return {
    category: report.category,
    asOf: report.asOf,
    days: report.days,
    negativeReviews: report.negativeReviews,
    drivers: report.drivers.map((d) => ({
      key: d.key,
      label: d.label,
      supplierControllable: d.supplierControllable,
      count: d.count,
      share: d.share,
      topSuppliers: d.topSuppliers.map((s) => ({ supplierId: s.supplierId, name: s.name, count: s.count })),
    })),
  };
}
