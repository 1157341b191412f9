import * as assert from "assert";
import { PlanInputError } from "../../tools/engine/project";
import { parseUsage } from "../../tools/cost/usage";

describe("--usage", () => {
    it("reads key=value pairs", () => {
        assert.deepStrictEqual(parseUsage("requests=1000000,durationMs=50,gbOut=10"), { requests: 1_000_000, durationMs: 50, gbOut: 10 });
        assert.deepStrictEqual(parseUsage(" natGb = 2.5 , memoryMb=1024,"), { natGb: 2.5, memoryMb: 1024 });
        assert.deepStrictEqual(parseUsage("requests=0"), { requests: 0 });
    });

    const bad: [string, RegExp][] = [
        ["requests=-1", /^--usage "requests" is "-1": it must be a whole number from 0 to/],
        ["requests=1.5", /"requests" is "1.5"/],
        ["durationMs=0", /^--usage "durationMs" is "0": it must be a number above 0 and at most 900000/],
        ["durationMs=abc", /"durationMs" is "abc"/],
        ["gbOut=", /"gbOut" is ""/],
        ["memoryMb=64", /"memoryMb" is "64": it must be a whole number from 128 to 10240/],
        ["requestz=5", /^--usage key "requestz" is unknown: use one of requests, durationMs, memoryMb, gbOut, natGb\.$/],
        ["requests", /^--usage "requests" is not key=value/],
        ["gbOut=1,gbOut=2", /"gbOut" is given twice/],
    ];
    for (const [spec, message] of bad) {
        it(`rejects ${JSON.stringify(spec)} in one line naming the key`, () => {
            assert.throws(
                () => parseUsage(spec),
                (error: unknown) => error instanceof PlanInputError && message.test(error.message) && !error.message.includes("\n"),
            );
        });
    }
});
