import { Cache, CacheBypassedError } from "./cache-aside";
import { CircuitBreaker } from "./circuit-breaker";

/** Puts a circuit breaker in front of a cache: while open, calls fail at once with CacheBypassedError. */
export class GuardedCache implements Cache {
    constructor(
        private readonly inner: Cache,
        readonly breaker: CircuitBreaker,
    ) {}

    get(key: string): Promise<string | null> {
        return this.guard(() => this.inner.get(key));
    }

    set(key: string, value: string, ttlMs: number): Promise<void> {
        return this.guard(() => this.inner.set(key, value, ttlMs));
    }

    private async guard<T>(call: () => Promise<T>): Promise<T> {
        if (!this.breaker.tryAcquire()) throw new CacheBypassedError();
        try {
            const result = await call();
            this.breaker.recordSuccess();
            return result;
        } catch (error) {
            this.breaker.recordFailure();
            throw error;
        }
    }
}
