/** The service's statement for GET /v1/suppliers/:id (suppliers.repository.ts), as the bench servers copy it: change it with the repository's. */
export const SUPPLIER = `SELECT id, seq, external_ref, name, category, city, themes, status, tier,
  to_char(probation_ends_at, 'YYYY-MM-DD') AS probation_ends_at, to_char(hold_until, 'YYYY-MM-DD') AS hold_until,
  to_char(audit_failed_on, 'YYYY-MM-DD') AS audit_failed_on, to_char(status_as_of, 'YYYY-MM-DD') AS status_as_of, created_at, updated_at FROM suppliers WHERE id = $1`;
