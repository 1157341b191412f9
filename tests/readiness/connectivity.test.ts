import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { cacheIngress } from "../../tools/readiness/checks/cacheIngress";
import { functionEgressPath } from "../../tools/readiness/checks/functionEgressPath";
import { functionEgressRules } from "../../tools/readiness/checks/functionEgressRules";
import { interfaceEndpoints } from "../../tools/readiness/checks/interfaceEndpoints";
import { natGatewayRoute } from "../../tools/readiness/checks/natGatewayRoute";
import { checkProgram, checkWorld, messages } from "./world";

describe("readiness: connectivity that will not work", function () {
    this.timeout(60_000);

    describe("nat-gateway-route", () => {
        const check = [natGatewayRoute];
        it("Compliance: the NAT in the subnet routed to the internet gateway", async () => {
            assert.deepStrictEqual(messages(await checkWorld({}, { checks: check })), []);
            assert.deepStrictEqual(messages(await checkWorld({}, { checks: check, preview: true })), []);
        });
        it("Noncompliance 1: the NAT in a private subnet, known and in preview", async () => {
            for (const preview of [false, true]) {
                const checked = await checkWorld({ natInPublicSubnet: false }, { checks: check, preview });
                assert.deepStrictEqual(messages(checked), [
                    'warning: NAT gateway "nat" is in subnet "private-0", whose route table has no 0.0.0.0/0 route to an internet gateway: it will be created but forward nothing.',
                ]);
            }
        });
        it("Noncompliance 2: a public NAT in a VPC without an internet gateway", async () => {
            const checked = await checkProgram(() => {
                const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
                const subnet = new aws.ec2.Subnet("subnet", { vpcId: vpc.id, cidrBlock: "10.0.0.0/24" });
                const eip = new aws.ec2.Eip("eip", { domain: "vpc" });
                new aws.ec2.NatGateway("nat", { subnetId: subnet.id, allocationId: eip.id });
                new aws.ec2.NatGateway("private-nat", { subnetId: subnet.id, connectivityType: "private" });
            }, check);
            assert.deepStrictEqual(messages(checked), ['error: NAT gateway "nat" is public but VPC "vpc" has no internet gateway: AWS refuses to create it.']);
        });
    });

    describe("function-egress-path", () => {
        const check = [functionEgressPath];
        it("Compliance: a NAT route; or no NAT, no internet calls and an endpoint for each AWS service", async () => {
            assert.deepStrictEqual(messages(await checkWorld({}, { checks: check })), []);
            assert.deepStrictEqual(messages(await checkWorld({ privateRoute: "none", upstreamUrl: undefined }, { checks: check })), []);
            assert.deepStrictEqual(messages(await checkWorld({ privateRoute: "none", upstreamUrl: "http://10.0.9.9:8080/" }, { checks: check })), [], "a private upstream needs no NAT");
        });
        it("Noncompliance 1: the seeds' failure: an internet upstream and no NAT, found in preview too", async () => {
            for (const preview of [false, true]) {
                const checked = await checkWorld({ privateRoute: "none" }, { checks: check, preview });
                assert.deepStrictEqual(messages(checked), [
                    'warning: Function "api" calls the internet ("UPSTREAM_URL") but its subnets "private-0" and "private-1" have no route to a NAT: those calls will time out.',
                ]);
            }
        });
        it("Noncompliance 2: an AWS service with neither NAT nor endpoint", async () => {
            const checked = await checkWorld({ privateRoute: "none", upstreamUrl: undefined, endpointServices: [] }, { checks: check });
            assert.deepStrictEqual(messages(checked), [
                'warning: Function "api" calls secretsmanager (secretsmanager:GetSecretValue) but its subnets "private-0" and "private-1" have neither a NAT route nor a secretsmanager VPC endpoint: those calls will time out.',
            ]);
        });
        it("Noncompliance 3: a function in subnets routed straight to the internet gateway", async () => {
            const checked = await checkWorld({ privateRoute: "igw" }, { checks: check });
            assert.deepStrictEqual(messages(checked), [
                'warning: Function "api" calls the internet ("UPSTREAM_URL") but its subnets "private-0" and "private-1" route to an internet gateway, which Lambda\'s interfaces (no public IP) cannot use: those calls will time out.',
            ]);
        });
    });

    describe("cache-ingress", () => {
        const check = [cacheIngress];
        it("Compliance: ingress from the function's group, or from a CIDR covering its subnets", async () => {
            assert.deepStrictEqual(messages(await checkWorld({}, { checks: check })), []);
            assert.deepStrictEqual(messages(await checkWorld({ cacheIngress: "cidr" }, { checks: check })), []);
            assert.deepStrictEqual(messages(await checkWorld({}, { checks: check, preview: true })), []);
        });
        it("Noncompliance: no ingress, or ingress on another port", async () => {
            for (const cacheIngressKind of ["none", "wrong-port"] as const) {
                const checked = await checkWorld({ cacheIngress: cacheIngressKind }, { checks: check });
                assert.deepStrictEqual(messages(checked), [
                    'warning: Cache "cache" admits no traffic on port 6379 from function "api" (security group "cache-sg"): its connections will time out.',
                ]);
            }
        });
    });

    describe("interface-endpoint-access", () => {
        const check = [interfaceEndpoints];
        it("Compliance: private DNS and 443 from the function's subnets (one rule each) or its group", async () => {
            assert.deepStrictEqual(messages(await checkWorld({}, { checks: check })), []);
            assert.deepStrictEqual(messages(await checkWorld({ endpointIngress: "sg" }, { checks: check })), []);
        });
        it("Noncompliance 1: private DNS off", async () => {
            const checked = await checkWorld({ privateDns: false }, { checks: check });
            assert.deepStrictEqual(messages(checked), [
                'warning: Interface endpoint "secretsmanager-endpoint" (secretsmanager) has private DNS off: SDKs call the public secretsmanager name, which does not go through it.',
            ]);
        });
        it("Noncompliance 2: no ingress from the caller; a rule covering only one of its subnets", async () => {
            const expected = ['warning: Interface endpoint "secretsmanager-endpoint" (secretsmanager) does not admit HTTPS from function "api": its secretsmanager calls will time out.'];
            assert.deepStrictEqual(messages(await checkWorld({ endpointIngress: "none" }, { checks: check })), expected);
            const half = await checkWorld(
                {
                    endpointIngress: "none",
                    extra: (built) => {
                        new aws.vpc.SecurityGroupIngressRule("endpoints-from-private-0", { securityGroupId: built.endpointSg.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.1.0/24" });
                    },
                },
                { checks: check },
            );
            assert.deepStrictEqual(messages(half), expected);
        });
    });

    describe("function-egress-rules", () => {
        const check = [functionEgressRules];
        it("Compliance: cache port to the cache group, 443 to the endpoint group and to the internet", async () => {
            assert.deepStrictEqual(messages(await checkWorld({}, { checks: check })), []);
            assert.deepStrictEqual(messages(await checkWorld({}, { checks: check, preview: true })), []);
        });
        it("Compliance: 443 to 0.0.0.0/0 also reaches the endpoint", async () => {
            assert.deepStrictEqual(messages(await checkWorld({ functionEgress: ["cache", "internet"] }, { checks: check })), []);
        });
        it("Noncompliance: no rule to the cache, and only the cache rule", async () => {
            assert.deepStrictEqual(messages(await checkWorld({ functionEgress: ["endpoints", "internet"] }, { checks: check })), [
                'warning: Function "api"\'s security group does not allow TCP 6379 to cache "cache": those connections will time out.',
            ]);
            assert.deepStrictEqual(messages(await checkWorld({ functionEgress: ["cache"] }, { checks: check })), [
                'warning: Function "api"\'s security group does not allow TCP 443 to the secretsmanager endpoint, TCP 443 to the internet (through the NAT): those connections will time out.',
            ]);
        });
    });
});
