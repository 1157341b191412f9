import * as aws from "@pulumi/aws";
import { assertFails, assertPasses, checkProgram, checkResource, doc } from "../../helpers";

const POLICY = "iam-disallow-broad-managed-policies";
const lambdaTrust = doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } });
const NARROW = ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"];
const role = (managedPolicyArns: string[]) => checkResource("aws:iam/role:Role", { assumeRolePolicy: lambdaTrust, managedPolicyArns });

describe(POLICY, () => {
    it("Compliance: a Lambda role with the basic and VPC access execution policies (by their documents)", async () => {
        const evaluation = await checkProgram(() => {
            const api = new aws.iam.Role("api", { assumeRolePolicy: lambdaTrust });
            new aws.iam.RolePolicyAttachment("api-basic", { role: api.name, policyArn: aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole });
            new aws.iam.RolePolicyAttachment("api-vpc", { role: api.name, policyArn: aws.iam.ManagedPolicy.AWSLambdaVPCAccessExecutionRole });
        });
        assertPasses(evaluation, POLICY);
    });

    it("Compliance: customer managed policies are judged where they are defined", async () => {
        assertPasses(await role([...NARROW, "arn:aws:iam::123456789012:policy/bulwark-api"]), POLICY);
    });

    it('Noncompliance 1: CloudWatchLogsFullAccess ("logs:*")', async () => {
        assertFails(
            await role([...NARROW, "arn:aws:iam::aws:policy/CloudWatchLogsFullAccess"]),
            POLICY,
            /^Replace AWS managed policy "CloudWatchLogsFullAccess" with a policy granting only what the workload uses: statement 1 \("CloudWatchLogsFullAccess"\) grants every action of a service \("logs:\*"\)\.$/,
        );
    });

    it("Noncompliance 2: AdministratorAccess", async () => {
        assertFails(await role(["arn:aws:iam::aws:policy/AdministratorAccess"]), POLICY, /"AdministratorAccess" .*grants every action \("\*"\)/);
    });

    it("Noncompliance 3: a read-only policy with wildcard actions on every resource (AmazonS3ReadOnlyAccess)", async () => {
        assertFails(await role(["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]), POLICY, /"AmazonS3ReadOnlyAccess" .*grants "s3:Get\*"/);
    });

    it("Noncompliance 4: an attachment resource, not only the role's list", async () => {
        const evaluation = await checkResource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", { role: "api", policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess" });
        assertFails(evaluation, POLICY, /"AmazonS3FullAccess"/);
    });

    it("Noncompliance 5: an AWS managed ARN that names no policy (wrong path)", async () => {
        assertFails(await role(["arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole"]), POLICY, /^Replace "arn:aws:iam::aws:policy\/AWSLambdaBasicExecutionRole": there is no AWS managed policy "AWSLambdaBasicExecutionRole" at that path/);
    });

    for (const type of ["aws:iam/userPolicyAttachment:UserPolicyAttachment", "aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "aws:iam/policyAttachment:PolicyAttachment"]) {
        it(`judges ${type}`, async () => {
            assertFails(await checkResource(type, { policyArn: "arn:aws:iam::aws:policy/PowerUserAccess" }), POLICY, /"PowerUserAccess" .*NotAction/);
        });
    }
});
