import * as assert from "assert";
import * as zlib from "zlib";
import { embeddedCredentialKinds, literalCredentialKind, secretAssignmentsIn } from "../../../policy/lib/secrets";
import { describeResourcePolicy } from "../rules-support/resourceCases";

const SLACK_WEBHOOK = "https://hooks.slack.com/services/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";
const DISCORD_WEBHOOK = "https://discord.com/api/webhooks/112233445566778899/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCdEfGhIjKlMnOpQrSt";

const containers = (...defs: object[]) => JSON.stringify(defs);
const web = (environment: object[], extra: object = {}) => ({
    name: "web",
    image: "public.ecr.aws/nginx/nginx:1.27",
    essential: true,
    portMappings: [{ containerPort: 80 }],
    environment,
    secrets: [{ name: "DB_PASSWORD", valueFrom: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf" }],
    ...extra,
});
const safeEnvironment = [
    { name: "NODE_ENV", value: "production" },
    { name: "DB_PASSWORD_SECRET_ARN", value: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf" },
    { name: "AUTH_ENABLED", value: "true" },
    { name: "API_URL", value: "https://api.example.com/v1" },
];

describe("lib/secrets: webhooks and scripts", () => {
    it("knows webhook URLs with their token as credentials, and plain URLs as not", () => {
        assert.strictEqual(literalCredentialKind(SLACK_WEBHOOK), "a Slack webhook URL");
        assert.strictEqual(literalCredentialKind(DISCORD_WEBHOOK), "a Discord webhook URL");
        assert.strictEqual(literalCredentialKind("https://contoso.webhook.office.com/webhookb2/1f2e3d4c-aaaa-bbbb-cccc-0123456789ab@72f988bf/IncomingWebhook/abc123/def456"), "a Microsoft Teams webhook URL");
        assert.strictEqual(literalCredentialKind("https://api.example.com/hook?token=9f8e7d6c5b4a39281706f5e4"), "a URL with a token in its query");
        assert.strictEqual(literalCredentialKind("https://hooks.slack.com/"), undefined);
        assert.strictEqual(literalCredentialKind("https://api.example.com/v1?page=2"), undefined);
    });

    it("finds secret-named literals in shell and cloud-config, and leaves values fetched at run time", () => {
        const script = [
            "#!/bin/bash",
            "export DB_PASSWORD='hunter2hunter2'",
            'API_TOKEN="$(aws secretsmanager get-secret-value --secret-id arn:aws:secretsmanager:eu-west-1:123456789012:secret:t --query SecretString --output text)"',
            "REDIS_AUTH=$REDIS_AUTH_FROM_SSM",
            "ENABLE_TLS=true",
            "docker login --username ci --password s3cr3tpass registry.example.com",
        ].join("\n");
        assert.deepStrictEqual(secretAssignmentsIn(script), ["DB_PASSWORD", "--password"]);
        assert.deepStrictEqual(secretAssignmentsIn("#cloud-config\nchpasswd:\n  list: |\n    ubuntu:x\nssh_pwauth: false\npassword: correct-horse-battery\n"), ["password"]);
        // A crypt(3) hash and an SSH key list are what cloud-init stores, not a password in clear.
        assert.deepStrictEqual(secretAssignmentsIn("#cloud-config\nusers:\n  - name: ops\n    lock_passwd: false\n    passwd: $6$rounds=4096$saltsalt$3MEaFIpbX0S1UC1P4HF1x0\n    ssh_authorized_keys:\n      - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIO ops@example\n"), []);
        assert.deepStrictEqual(embeddedCredentialKinds(`curl -X POST ${SLACK_WEBHOOK} -d '{}'\npsql postgres://app:pa55word@db.internal:5432/app`), ["a Slack webhook URL", "a password inside a connection URL"]);
    });
});

describeResourcePolicy({
    policy: "ecs-task-definition-disallow-container-secrets",
    type: "aws:ecs/taskDefinition:TaskDefinition",
    compliant: { family: "web", requiresCompatibilities: ["FARGATE"], networkMode: "awsvpc", cpu: "256", memory: "512", containerDefinitions: containers(web(safeEnvironment)) },
    alsoCompliant: [{ name: "a container with no environment", props: { family: "web", containerDefinitions: containers({ name: "worker", image: "busybox", command: ["sh", "-c", "echo $GREETING"] }) } }],
    failures: [
        {
            name: "a secret-named variable holding a literal",
            props: (p) => ({ ...p, containerDefinitions: containers(web([...safeEnvironment, { name: "DB_PASSWORD", value: "hunter2hunter2" }])) }),
            messages: [/^Move environment variable DB_PASSWORD of container "web" into Secrets Manager and reference it from the container's secrets \(valueFrom\): its value is readable in every revision/],
        },
        {
            name: "an AWS access key under an innocent name",
            props: (p) => ({ ...p, containerDefinitions: containers(web([...safeEnvironment, { name: "UPLOADER_ID", value: "AKIAIOSFODNN7EXAMPLE" }])) }),
            messages: [/UPLOADER_ID of container "web" .*its value is an AWS access key id/],
        },
        {
            name: "a Slack webhook URL in a *_URL variable",
            props: (p) => ({ ...p, containerDefinitions: containers(web([...safeEnvironment, { name: "SLACK_WEBHOOK_URL", value: SLACK_WEBHOOK }])) }),
            messages: [/SLACK_WEBHOOK_URL .*its value is a Slack webhook URL/],
        },
        {
            name: "a password on the command line of a second container",
            props: (p) => ({ ...p, containerDefinitions: containers(web(safeEnvironment), { name: "migrate", image: "flyway/flyway", command: ["-url=jdbc:postgresql://db:5432/app", "-user=app", "--password=Sup3rS3cret!", "migrate"] }) }),
            messages: [/^Take the secret out of the command of container "migrate" \(a literal --password\)/],
        },
    ],
    unknowable: ["containerDefinitions"],
});

describeResourcePolicy({
    policy: "lambda-function-disallow-plaintext-secrets",
    type: "aws:lambda/function:Function",
    compliant: { runtime: "nodejs20.x", environment: { variables: { ALERTS_WEBHOOK_SECRET_ARN: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:alerts-AbCdEf" } } },
    failures: [
        { name: "a Discord webhook URL in the environment", props: () => ({ runtime: "nodejs20.x", environment: { variables: { ALERTS_URL: DISCORD_WEBHOOK } } }), messages: [/ALERTS_URL .*its value is a Discord webhook URL/] },
    ],
    unknowable: ["environment"],
});

const BOOT = ["#!/bin/bash", "set -euo pipefail", "dnf install -y nginx", 'DB_PASSWORD="$(aws secretsmanager get-secret-value --secret-id app/db --query SecretString --output text)"', "systemctl enable --now nginx"].join("\n");
const LEAKY = `${BOOT}\nexport STRIPE_SECRET=sk_live_51H8abcdefghijklmnopqrstu\ncurl -s -X POST -d '{"text":"booted"}' ${SLACK_WEBHOOK}\n`;
const base64 = (text: string) => Buffer.from(text).toString("base64");

describeResourcePolicy({
    policy: "ec2-disallow-user-data-secrets",
    type: "aws:ec2/instance:Instance",
    compliant: { ami: "ami-0c7217cdde317cfec", instanceType: "t3.micro", userData: BOOT },
    alsoCompliant: [
        { name: "a launch template whose base64 user data fetches its secret", type: "aws:ec2/launchTemplate:LaunchTemplate", props: { imageId: "ami-0c7217cdde317cfec", userData: base64(BOOT) } },
        { name: "user data the provider stored as its hash", props: { userData: "9f1c5e0a3b2d4c6e8f0a1b2c3d4e5f6a7b8c9d0e" } },
    ],
    failures: [
        { name: "a Stripe key and a Slack webhook in the script", props: (p) => ({ ...p, userData: LEAKY }), messages: [/^Take the secret out of userData \(a Stripe secret key, a Slack webhook URL, a literal STRIPE_SECRET\)/] },
        { name: "gzip-compressed userDataBase64", props: ({ userData, ...p }) => ({ ...p, userDataBase64: zlib.gzipSync(LEAKY).toString("base64") }), messages: [/^Take the secret out of userDataBase64 \(/] },
        {
            name: "a launch template's base64 user data with a literal password",
            type: "aws:ec2/launchTemplate:LaunchTemplate",
            props: () => ({ imageId: "ami-0c7217cdde317cfec", userData: base64("#!/bin/bash\necho 'DB_PASSWORD=hunter2hunter2' >> /etc/app.env\nexport DB_PASSWORD=hunter2hunter2\n") }),
            messages: [/^Take the secret out of userData \(a literal DB_PASSWORD\)/],
        },
        {
            name: "a launch configuration with an access key in cloud-config",
            type: "aws:ec2/launchConfiguration:LaunchConfiguration",
            props: () => ({ imageId: "ami-0c7217cdde317cfec", instanceType: "t3.micro", userData: "#cloud-config\nwrite_files:\n  - path: /root/.aws/credentials\n    content: |\n      aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n" }),
            messages: [/an AWS access key id/],
        },
    ],
    unknowable: ["userData", "userDataBase64"],
});
