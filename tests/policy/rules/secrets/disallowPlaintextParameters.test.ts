import { describeResourcePolicy } from "../../rules-support/resourceCases";

describeResourcePolicy({
    policy: "ssm-disallow-plaintext-parameters",
    type: "aws:ssm/parameter:Parameter",
    compliant: { name: "/shop/prod/db/password", type: "SecureString", value: "s3cr3t-value" },
    alsoCompliant: [
        { name: "a plain setting", props: { name: "/shop/prod/db/host", type: "String", value: "db.internal" } },
        { name: "a secret's ARN under a reference name", props: { name: "/shop/prod/api/key-secret-arn", type: "String", value: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:api" } },
        { name: "a token lifetime is not a token", props: { name: "/shop/prod/api/token-ttl", type: "String", value: "3600" } },
    ],
    failures: [
        { name: "a password as a String", props: (p) => ({ ...p, type: "String" }), messages: [/^Make parameter "\/shop\/prod\/db\/password" a SecureString \(with a customer managed key\): its name says it holds a secret, and a String is stored and shown in clear\.$/] },
        { name: "an API key in a StringList", props: () => ({ name: "/shop/prod/stripe_api_key", type: "StringList", value: "a,b" }), messages: [/^Make parameter "\/shop\/prod\/stripe_api_key" a SecureString/] },
        { name: "a literal AWS key under an innocent name", props: () => ({ name: "/ci/settings", type: "String", value: "AKIAABCDEFGHIJKLMNOP" }), messages: [/its value is an AWS access key id/] },
    ],
    unknowable: ["type"],
});
