/**
 * A UUID as the service reads one: hex digits grouped 8-4-4-4-12, either case, any version (the
 * rule of class-validator's `IsUUID('all')`, which the `:id` DTO uses).
 */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
