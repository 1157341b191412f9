import * as aws from "@pulumi/aws";
import { describeStackPolicyOnFixture } from "../../rules-support/stackCases";
import { UNKNOWN } from "../../rules-support/variants";

function rotated() {
    const secret = new aws.secretsmanager.Secret("partner-api", { kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/1" });
    new aws.secretsmanager.SecretRotation("partner-api", {
        secretId: secret.id,
        rotationLambdaArn: "arn:aws:lambda:eu-west-1:123456789012:function:rotator",
        rotationRules: { automaticallyAfterDays: 30 },
    });
}

describeStackPolicyOnFixture("secretsmanager-enable-secret-rotation", rotated, "the secret has a rotation", [
    {
        name: "a secret without a SecretRotation",
        change: (v) => v.add("aws:secretsmanager/secret:Secret", "webhook-signing", { name: "webhook-signing" }),
        messages: [/^Add a SecretRotation for secret "webhook-signing" \(rotationRules\.automaticallyAfterDays 30 to 90\)/],
        on: "webhook-signing",
    },
], [
    {
        name: "preview: a rotation whose secret is not known yet might be any secret's",
        change: (v) => v.add("aws:secretsmanager/secret:Secret", "webhook-signing", {}).add("aws:secretsmanager/secretRotation:SecretRotation", "pending", { secretId: UNKNOWN }),
        preview: true,
    },
]);
