import * as assert from "assert";
import { Network } from "../../components/network";
import { record, unwrap, UNKNOWN } from "../helpers/offline";
import { defaultRoute, LOGS_KEY_ARN, natAzOfRoute, routeTables, T } from "./topology";

describe("Network in preview", () => {
    it("builds the same children with every id unknown, and still wires each AZ to its own NAT", async () => {
        const args = { azCount: 3, natStrategy: "perAz" as const, interfaceEndpoints: ["secretsmanager" as const], logsKeyArn: LOGS_KEY_ARN };
        const preview = await record(() => new Network("net", args), { preview: true });
        const update = await record(() => new Network("net", args));

        const typesOf = (rec: typeof preview) => rec.resources.map((r) => `${r.type} ${r.name}`).sort();
        assert.deepStrictEqual(typesOf(preview), typesOf(update));

        assert.ok(preview.ofType(T.subnet).every((s) => unwrap(s.inputs.vpcId) === UNKNOWN));
        assert.ok(preview.ofType(T.natGateway).every((n) => unwrap(n.inputs.allocationId) === UNKNOWN));
        assert.ok(preview.ofType(T.vpc).every((v) => !v.id), "no id is known before the VPC exists");
        for (const view of routeTables(preview).filter((v) => v.tier === "private")) {
            const route = defaultRoute(view)!;
            assert.strictEqual(unwrap(route.inputs.natGatewayId), UNKNOWN);
            assert.strictEqual(natAzOfRoute(preview, route).az, view.azs[0]);
        }
        const outputs = unwrap(preview.one(T.network).outputs);
        assert.strictEqual(outputs.vpcId, UNKNOWN);
        assert.deepStrictEqual(outputs.egress, { strategy: "perAz", natAzs: ["az1", "az2", "az3"], interfaceEndpoints: ["secretsmanager"] });
    });

    it("builds NAT instances and the flow-log key in preview too", async () => {
        const rec = await record(() => new Network("net", { natStrategy: "instance", natInstanceCount: "perAz" }), { preview: true });
        assert.strictEqual(rec.ofType(T.instance).length, 2);
        assert.strictEqual(rec.ofType(T.key).length, 1);
        const policy = unwrap(rec.one(T.key).inputs.policy);
        assert.match(policy, /logs\.us-east-1\.amazonaws\.com/, "the key policy is known in preview: it depends only on lookups");
    });
});
