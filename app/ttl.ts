/**
 * Cache lifetime with random extra time, so keys written together (a cold cache warming
 * under load) do not all expire in the same instant and stampede the origin together.
 *
 * Returns milliseconds in [ttlSeconds * 1000, ttlSeconds * 1000 * (1 + jitterRatio)].
 */
export function ttlWithJitterMs(ttlSeconds: number, jitterRatio: number, random: () => number = Math.random): number {
    const baseMs = ttlSeconds * 1000;
    return Math.floor(baseMs + baseMs * jitterRatio * random());
}
