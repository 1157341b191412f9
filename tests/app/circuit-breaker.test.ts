import assert from "node:assert/strict";
import { CircuitBreaker } from "../../app/circuit-breaker";

describe("CircuitBreaker", () => {
    let clock: number;
    const breaker = () => new CircuitBreaker({ failureThreshold: 3, cooldownMs: 1000, now: () => clock });
    beforeEach(() => (clock = 0));

    it("opens after the threshold of consecutive failures and refuses calls", () => {
        const b = breaker();
        b.recordFailure();
        b.recordFailure();
        assert.equal(b.state, "closed");
        assert.equal(b.tryAcquire(), true);
        b.recordFailure();
        assert.equal(b.state, "open");
        assert.equal(b.tryAcquire(), false);
    });

    it("a success resets the failure count", () => {
        const b = breaker();
        b.recordFailure();
        b.recordFailure();
        b.recordSuccess();
        b.recordFailure();
        b.recordFailure();
        assert.equal(b.state, "closed");
    });

    it("lets exactly one probe through after the cooldown; its success closes the breaker", () => {
        const b = breaker();
        for (let i = 0; i < 3; i++) b.recordFailure();
        clock = 999;
        assert.equal(b.tryAcquire(), false);
        clock = 1000;
        assert.equal(b.state, "half-open");
        assert.equal(b.tryAcquire(), true);
        assert.equal(b.tryAcquire(), false, "a second caller must not probe at the same time");
        b.recordSuccess();
        assert.equal(b.state, "closed");
        assert.equal(b.tryAcquire(), true);
    });

    it("a failed probe re-opens the breaker for a full cooldown", () => {
        const b = breaker();
        for (let i = 0; i < 3; i++) b.recordFailure();
        clock = 1500;
        assert.equal(b.tryAcquire(), true);
        b.recordFailure();
        assert.equal(b.state, "open");
        clock = 2499;
        assert.equal(b.tryAcquire(), false);
        clock = 2500;
        assert.equal(b.tryAcquire(), true);
    });
});
