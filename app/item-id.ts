/**
 * Item ids become part of a Redis key and of the origin URL path, so only a conservative
 * alphabet is accepted: no separators, no percent-encoding, no path traversal.
 */
export const ITEM_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

export function isValidItemId(id: string): boolean {
    return ITEM_ID_PATTERN.test(id);
}
