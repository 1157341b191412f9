import assert from "node:assert/strict";
import fc from "fast-check";
import { ttlWithJitterMs } from "../../app/ttl";

describe("ttlWithJitterMs", () => {
    it("stays within [ttl, ttl * (1 + ratio)] for any random draw", () => {
        fc.assert(
            fc.property(fc.integer({ min: 1, max: 86_400 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (ttl, ratio, draw) => {
                const ms = ttlWithJitterMs(ttl, ratio, () => draw);
                return Number.isInteger(ms) && ms >= ttl * 1000 && ms <= ttl * 1000 * (1 + ratio);
            }),
        );
    });

    it("spreads expiries instead of giving every key the same one", () => {
        const draws = [0, 0.25, 0.5, 0.75, 0.999];
        const ttls = draws.map((draw) => ttlWithJitterMs(100, 0.2, () => draw));
        assert.deepEqual(ttls, [100_000, 105_000, 110_000, 115_000, 119_980]);
    });

    it("gives the exact TTL when jitter is off", () => {
        assert.equal(ttlWithJitterMs(7, 0, () => 0.9), 7000);
    });
});
