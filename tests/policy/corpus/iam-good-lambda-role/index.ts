import * as aws from "@pulumi/aws";

// The everyday Lambda execution role: the standard trust policy, basic logging, and one scoped grant.
const role = new aws.iam.Role("thumbnailer-role", {
    assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "lambda.amazonaws.com" }),
});

new aws.iam.RolePolicyAttachment("thumbnailer-logs", {
    role: role.name,
    policyArn: aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole,
});

const access = aws.iam.getPolicyDocumentOutput({
    statements: [
        { sid: "ReadOriginals", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::acme-uploads/originals/*"] },
        { sid: "WriteThumbnails", actions: ["s3:PutObject"], resources: ["arn:aws:s3:::acme-uploads/thumbnails/*"] },
        { sid: "Tracing", actions: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], resources: ["*"] },
    ],
});

new aws.iam.RolePolicy("thumbnailer-access", { role: role.id, policy: access.json });

export const roleArn = role.arn;
