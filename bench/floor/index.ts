/**
 * The floor of bench/plan.ts: the least any Pulumi TypeScript program costs under mocks. The Pulumi
 * SDK and @pulumi/aws load, five resources register under plain `pulumi.runtime.setMocks` (the
 * unit-testing setup of Pulumi's docs), and nothing of Bulwark's plan tool runs. The bench starts it
 * the way Pulumi's Node.js host starts a TypeScript program, through ts-node (transpile-only, as
 * the plan compiles programs), so what the plan takes beyond this is Bulwark's own cost: its
 * program, the policy pack, readiness, cost and the report.
 *
 * Prints `{"resources": 5}` once every registration has resolved.
 */
import * as pulumi from "@pulumi/pulumi";

pulumi.runtime.setMocks(
    {
        newResource: (args: pulumi.runtime.MockResourceArgs) => ({ id: `${args.name}-id`, state: args.inputs }),
        call: (args: pulumi.runtime.MockCallArgs) => args.inputs,
    },
    "floor",
    "dev",
    false,
);

// Imported after setMocks, as the docs ask: registration needs the mock monitor in place.
import("@pulumi/aws").then((aws) => {
    const key = new aws.kms.Key("key", { enableKeyRotation: true, deletionWindowInDays: 7 });
    const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16", enableDnsHostnames: true });
    const subnet = new aws.ec2.Subnet("subnet", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24" });
    const group = new aws.ec2.SecurityGroup("group", { vpcId: vpc.id, egress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }] });
    const bucket = new aws.s3.Bucket("bucket", { tags: { keyArn: key.arn } });
    pulumi.all([key.urn, vpc.urn, subnet.urn, group.urn, bucket.urn, subnet.id, group.id]).apply((values) => {
        process.stdout.write(JSON.stringify({ resources: values.length - 2 }) + "\n");
    });
});
