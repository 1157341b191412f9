import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { OfflineAws } from "../../tools/offline/aws";

/** The fields an invoke's result interface declares as always present (`readonly x: T`, not `x?:`). */
function requiredResultFields(token: string): string[] {
    const [, moduleAndFile, fn] = token.split(":");
    const [module, file] = moduleAndFile.split("/");
    const root = path.dirname(require.resolve("@pulumi/aws/package.json"));
    const declarations = fs.readFileSync(path.join(root, module === "index" ? "" : module, `${file}.d.ts`), "utf8");
    const name = `${fn[0].toUpperCase()}${fn.slice(1)}Result`;
    const body = new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`).exec(declarations);
    assert.ok(body, `no ${name} in ${file}.d.ts`);
    return [...body[1].matchAll(/readonly (\w+): /g)].map((m) => m[1]);
}

/** Every invoke the offline AWS answers, with arguments a program passes. */
const CALLS: [string, Record<string, unknown>][] = [
    ["aws:index/getAvailabilityZones:getAvailabilityZones", { state: "available" }],
    ["aws:index/getCallerIdentity:getCallerIdentity", {}],
    ["aws:index/getRegion:getRegion", {}],
    ["aws:index/getPartition:getPartition", {}],
    ["aws:iam/getPolicyDocument:getPolicyDocument", { statements: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] }] }],
    ["aws:iam/getPolicy:getPolicy", { name: "ReadOnlyAccess" }],
    ["aws:iam/getRole:getRole", { name: "OrganizationAccountAccessRole" }],
    ["aws:ec2/getVpc:getVpc", { default: true }],
    ["aws:ec2/getSubnet:getSubnet", { availabilityZone: "us-east-1a", defaultForAz: true }],
    ["aws:ec2/getSubnets:getSubnets", { filters: [{ name: "vpc-id", values: ["vpc-0default000000000"] }] }],
    ["aws:ec2/getSecurityGroup:getSecurityGroup", { name: "default", vpcId: "vpc-0default000000000" }],
    ["aws:ec2/getAmi:getAmi", { mostRecent: true, owners: ["amazon"], filters: [{ name: "name", values: ["al2023-ami-*-x86_64"] }] }],
    ["aws:ec2/getAmiIds:getAmiIds", { owners: ["amazon"], filters: [{ name: "name", values: ["al2023-ami-*"] }] }],
    ["aws:elb/getServiceAccount:getServiceAccount", {}],
    ["aws:route53/getZone:getZone", { name: "example.com" }],
    ["aws:acm/getCertificate:getCertificate", { domain: "example.com", statuses: ["ISSUED"] }],
    ["aws:kms/getAlias:getAlias", { name: "alias/aws/s3" }],
    ["aws:cloudfront/getCachePolicy:getCachePolicy", { name: "Managed-CachingOptimized" }],
    ["aws:cloudfront/getOriginRequestPolicy:getOriginRequestPolicy", { name: "Managed-CORS-S3Origin" }],
    ["aws:cloudfront/getResponseHeadersPolicy:getResponseHeadersPolicy", { name: "Managed-SecurityHeadersPolicy" }],
    ["aws:ssm/getParameter:getParameter", { name: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64" }],
    ["aws:organizations/getOrganization:getOrganization", {}],
];

describe("offline AWS: every invoke it answers gives every field @pulumi/aws declares", () => {
    it("covers each invoke token the offline AWS answers", () => {
        const source = fs.readFileSync(path.resolve(__dirname, "..", "..", "tools", "offline", "aws.ts"), "utf8");
        const answered = [...new Set([...source.matchAll(/case "(aws:[\w/]+:\w+)"/g)].map((m) => m[1]))].sort();
        assert.deepStrictEqual(CALLS.map(([token]) => token).sort(), answered);
    });

    for (const [token, inputs] of CALLS) {
        it(token, () => {
            const result = new OfflineAws({ stack: "dev", region: "us-east-1" }).call({ token, inputs } as any);
            const missing = requiredResultFields(token).filter((field) => result[field] === undefined);
            assert.deepStrictEqual(missing, []);
        });
    }
});
