/**
 * What the API accepts, shared by the app (which routes on it) and by index.ts (which hands it to the
 * CDN component), so the edge cache key and the router cannot drift apart. Plain data, no Pulumi: the
 * app knows nothing of the infrastructure, and components take these values as arguments.
 */

/**
 * Methods the API answers: GET and HEAD (the same response, HEAD without its body) and OPTIONS (the
 * Allow list). Anything else would need a body, which a Lambda origin behind an origin access control
 * only accepts with the viewer's own x-amz-content-sha256, so CloudFront never forwards it.
 */
export const API_METHODS = ["GET", "HEAD", "OPTIONS"] as const;
export type ApiMethod = (typeof API_METHODS)[number];

/**
 * Query string parameters that change an API response. The router reads none (it routes on the path
 * alone), so none take part in the edge cache key: `?x=<random>` cannot bypass the CDN or Redis. Add a
 * name here when a route starts to read it, and it joins the cache key and the app's view together.
 */
export const API_QUERY_PARAMETERS: readonly string[] = [];

