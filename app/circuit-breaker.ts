/**
 * Stops calling Redis after repeated failures so a dead or hung cache costs the command
 * timeout on a few requests, not on every request. After the cooldown one probe call is
 * let through (half-open); its success closes the breaker, its failure re-opens it.
 */
export type BreakerState = "closed" | "open" | "half-open";

export interface CircuitBreakerOptions {
    failureThreshold: number;
    cooldownMs: number;
    now?: () => number;
}

export class CircuitBreaker {
    private consecutiveFailures = 0;
    private openedAt: number | undefined;
    private probeInFlight = false;
    private readonly now: () => number;

    constructor(private readonly options: CircuitBreakerOptions) {
        this.now = options.now ?? Date.now;
    }

    get state(): BreakerState {
        if (this.openedAt === undefined) return "closed";
        return this.now() - this.openedAt >= this.options.cooldownMs ? "half-open" : "open";
    }

    /** True when a call may go ahead; in half-open, only one probe at a time. */
    tryAcquire(): boolean {
        const state = this.state;
        if (state === "closed") return true;
        if (state === "open" || this.probeInFlight) return false;
        this.probeInFlight = true;
        return true;
    }

    recordSuccess(): void {
        this.consecutiveFailures = 0;
        this.openedAt = undefined;
        this.probeInFlight = false;
    }

    recordFailure(): void {
        this.consecutiveFailures += 1;
        this.probeInFlight = false;
        if (this.openedAt !== undefined || this.consecutiveFailures >= this.options.failureThreshold) {
            this.openedAt = this.now();
        }
    }
}
