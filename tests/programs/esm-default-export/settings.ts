export const cacheTtlSeconds = 3600;
export const priceClass = "PriceClass_100";
