import { resourceRule } from "../../lib/rule";
import { embeddedCredentialKinds, isInertValue, isSecretReference, literalCredentialKind, looksLikeSecretName, secretAssignmentsIn } from "../../lib/secrets";
import { asArray, asString, get, isUnknown } from "../../lib/values";

/** The container definitions of a task definition, or nothing when they are unknown or not JSON (the provider rejects those). */
function containersOf(definitions: unknown): unknown[] {
    const text = asString(definitions as never);
    if (text === undefined) return [];
    try {
        const parsed: unknown = JSON.parse(text);
        return Array.isArray(parsed) ? parsed : [];
    } catch {
        return [];
    }
}

export const disallowContainerSecrets = resourceRule({
    name: "ecs-task-definition-disallow-container-secrets",
    category: "exposure",
    description: "ECS task definitions must not carry secrets in container environment variables or commands.",
    what: "Each container of `containerDefinitions` (the JSON string): `environment` entries whose value is a literal credential (AWS access key id, private key, GitHub/Slack/Stripe/Google key, a Slack/Discord/Teams webhook URL, a token in a URL's query, a password inside a connection URL) whatever the name, or whose name says secret (PASSWORD, SECRET, TOKEN, API_KEY...) while the value is a literal, not a reference; and `command`/`entryPoint` strings holding such a credential or a secret-named assignment. `secrets` entries (valueFrom a Secrets Manager or SSM ARN) are the fix. Definitions not known yet are skipped.",
    why: "Task definition revisions are immutable and readable by anyone with ecs:DescribeTaskDefinition, in the console, in CloudTrail and in the Pulumi state; every revision keeps the value after it is rotated, so a leaked key stays in the account's history.",
    fix: 'Move the value into Secrets Manager (or an SSM SecureString) and reference it from the container\'s `secrets: [{ name: "DB_PASSWORD", valueFrom: secret.arn }]`; grant the task execution role secretsmanager:GetSecretValue on that ARN.',
    frameworks: { fsbp: ["ECS.8"], soc2: ["CC6.1", "CC6.7"], gdpr: ["32(1)(a)", "32(1)(b)"] },
    types: ["aws:ecs/taskDefinition:TaskDefinition"],
    validate(resource, report) {
        const definitions = get(resource.props, "containerDefinitions");
        if (isUnknown(definitions)) return;
        containersOf(definitions).forEach((container, i) => {
            const label = asString(get(container, "name")) ?? `container ${i + 1}`;
            for (const entry of asArray(get(container, "environment")) ?? []) {
                const name = asString(get(entry, "name"));
                const value = asString(get(entry, "value"));
                if (name === undefined || value === undefined) continue;
                const kind = literalCredentialKind(value);
                if (kind) {
                    report(`Move environment variable ${name} of container "${label}" into Secrets Manager and reference it from the container's secrets (valueFrom): its value is ${kind}, readable in every revision of the task definition.`);
                } else if (looksLikeSecretName(name) && !isInertValue(value) && !isSecretReference(value)) {
                    report(`Move environment variable ${name} of container "${label}" into Secrets Manager and reference it from the container's secrets (valueFrom): its value is readable in every revision of the task definition.`);
                }
            }
            const commandLine = ["command", "entryPoint"]
                .flatMap((key) => asArray(get(container, key)) ?? [])
                .filter((part): part is string => typeof part === "string")
                .join("\n");
            const found = [...embeddedCredentialKinds(commandLine), ...secretAssignmentsIn(commandLine).map((name) => `a literal ${name}`)];
            if (found.length > 0) {
                report(`Take the secret out of the command of container "${label}" (${found.join(", ")}) and pass it through the container's secrets (valueFrom): task definitions are readable by anyone who can describe them.`);
            }
        });
    },
});
