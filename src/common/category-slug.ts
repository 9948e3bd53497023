/** What a category is called everywhere: in paths, policies, suppliers and a manager's token. */
export const CATEGORY_PATTERN = /^[a-z][a-z0-9_-]{0,63}$/;
export const CATEGORY_MESSAGE = 'must be lower-case letters, digits, "_" or "-", starting with a letter (at most 64)';
