import * as assert from "assert";
import { blastRadiusOf, closestName, cyclesOf, deployOrderOf, edgesOf, missingOutputsOf, OutputRead } from "../../tools/stacks-set/graph";

const read = (consumer: string, producer: string, output: string, required = true): OutputRead => ({ consumer, producer, output, required });

describe("stack set graph", () => {
    it("merges reads into one edge per consumer and producer, ignoring stacks outside the set", () => {
        const edges = edgesOf(["a", "b"], [read("b", "a", "y"), read("b", "a", "x"), read("b", "a", "y", false), read("b", "outside", "z")]);
        assert.deepStrictEqual(edges, [{ consumer: "b", producer: "a", outputs: ["x", "y"] }]);
    });

    it("orders independent stacks as the file lists them, each after its producers", () => {
        const stacks = ["app", "edge", "network"];
        const edges = edgesOf(stacks, [read("app", "network", "vpcId"), read("edge", "app", "url")]);
        assert.deepStrictEqual(deployOrderOf(stacks, edges), ["network", "app", "edge"]);
        assert.deepStrictEqual(deployOrderOf(["x", "y"], []), ["x", "y"]);
    });

    it("finds a stack reading itself and two separate cycles, and leaves their consumers out of the order", () => {
        const stacks = ["self", "a", "b", "c", "d", "reader"];
        const edges = edgesOf(stacks, [read("self", "self", "o"), read("a", "b", "x"), read("b", "a", "y"), read("c", "d", "z"), read("d", "c", "w"), read("reader", "a", "v")]);
        const cycles = cyclesOf(stacks, edges);
        assert.deepStrictEqual(
            cycles.map((c) => c.stacks).sort(),
            [["a", "b"], ["c", "d"], ["self"]],
        );
        assert.deepStrictEqual(cycles.find((c) => c.stacks[0] === "self")!.edges, [{ consumer: "self", producer: "self", outputs: ["o"] }]);
        assert.deepStrictEqual(deployOrderOf(stacks, edges), []);
        assert.deepStrictEqual(cyclesOf(["a", "b"], edgesOf(["a", "b"], [read("b", "a", "x")])), []);
    });

    it("blast radius follows consumers transitively, not producers", () => {
        const stacks = ["base", "net", "app", "other"];
        const edges = edgesOf(stacks, [read("net", "base", "k"), read("app", "net", "v"), read("other", "base", "k")]);
        const order = deployOrderOf(stacks, edges);
        assert.deepStrictEqual(blastRadiusOf(stacks, edges, order), { base: ["net", "app", "other"], net: ["app"], app: [], other: [] });
    });

    it("a missing output lists what the producer exports and suggests a close name only when there is one", () => {
        const missing = missingOutputsOf("net", ["privateSubnetIds", "vpcId"], [read("app", "net", "subnetIds"), read("app", "net", "vpcId"), read("app", "net", "bucketName", false)]);
        assert.deepStrictEqual(missing, [
            { consumer: "app", producer: "net", output: "subnetIds", required: true, exported: ["privateSubnetIds", "vpcId"], didYouMean: "privateSubnetIds" },
            { consumer: "app", producer: "net", output: "bucketName", required: false, exported: ["privateSubnetIds", "vpcId"] },
        ]);
        assert.strictEqual(closestName("vpcID", ["vpcId", "tableArn"]), "vpcId");
        assert.strictEqual(closestName("privateSubentIds", ["privateSubnetIds"]), "privateSubnetIds");
        assert.strictEqual(closestName("cacheEndpoint", ["tableArn", "tableName"]), undefined);
        assert.strictEqual(closestName("queueArn", ["queueUrl"]), undefined);
        assert.strictEqual(closestName("bucketName", ["logBucketName", "bucketArn"]), "logBucketName");
    });
});
