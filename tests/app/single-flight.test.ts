import assert from "node:assert/strict";
import { SingleFlight } from "../../app/single-flight";

function deferred<T>() {
    let resolve!: (value: T) => void;
    let reject!: (error: Error) => void;
    const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
    return { promise, resolve, reject };
}

describe("SingleFlight", () => {
    it("runs concurrent calls for one key once and gives everyone the result", async () => {
        const flight = new SingleFlight<string>();
        const gate = deferred<string>();
        let calls = 0;
        const work = () => {
            calls += 1;
            return gate.promise;
        };
        const results = Array.from({ length: 10 }, () => flight.do("k", work));
        gate.resolve("v");
        assert.deepEqual(await Promise.all(results), Array(10).fill("v"));
        assert.equal(calls, 1);
        assert.equal(flight.size, 0);
    });

    it("keeps different keys independent", async () => {
        const flight = new SingleFlight<string>();
        const [a, b] = await Promise.all([flight.do("a", async () => "A"), flight.do("b", async () => "B")]);
        assert.deepEqual([a, b], ["A", "B"]);
    });

    it("shares a failure with the waiting callers but does not remember it", async () => {
        const flight = new SingleFlight<string>();
        const gate = deferred<string>();
        const first = flight.do("k", () => gate.promise);
        const second = flight.do("k", async () => "never runs");
        gate.reject(new Error("origin down"));
        await assert.rejects(first, /origin down/);
        await assert.rejects(second, /origin down/);
        assert.equal(await flight.do("k", async () => "recovered"), "recovered");
    });
});
