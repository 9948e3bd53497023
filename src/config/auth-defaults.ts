/** The longest lifetime of a bearer token, in hours, when JWT_MAX_TTL_HOURS is not set (PRODUCT.md "Trust rules"). */
export const DEFAULT_JWT_MAX_TTL_HOURS = 720;
