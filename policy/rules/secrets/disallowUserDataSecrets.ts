import { gunzipSync } from "zlib";
import { resourceRule } from "../../lib/rule";
import { embeddedCredentialKinds, secretAssignmentsIn } from "../../lib/secrets";
import { asString, get, isUnknown } from "../../lib/values";

const INSTANCE = "aws:ec2/instance:Instance";
const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const LAUNCH_CONFIGURATION = "aws:ec2/launchConfiguration:LaunchConfiguration";

/** The script inside base64 user data (gzip-compressed too, as cloud-init accepts); undefined when it is not text. */
function decodeBase64(encoded: string): string | undefined {
    const bytes = Buffer.from(encoded.replace(/\s+/g, ""), "base64");
    let decoded = bytes;
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
        try {
            decoded = gunzipSync(bytes);
        } catch {
            return undefined;
        }
    }
    const text = decoded.toString("utf8");
    return /[\x00-\x08\x0e-\x1f]/.test(text) || text.includes("\ufffd") ? undefined : text;
}

/** The user data scripts a resource declares, by property: plain text, or base64 (launch templates take only base64). */
function scriptsOf(type: string, props: unknown): [string, string][] {
    const scripts: [string, string][] = [];
    const plain = asString(get(props, "userData"));
    if (plain !== undefined) {
        // Instances and launch configurations take the script itself, or base64 the provider passes through.
        const decoded = type === LAUNCH_TEMPLATE || /^[A-Za-z0-9+/\s]{8,}={0,2}$/.test(plain) ? decodeBase64(plain) : undefined;
        if (decoded !== undefined) scripts.push(["userData", decoded]);
        if (type !== LAUNCH_TEMPLATE) scripts.push(["userData", plain]);
    }
    // Launch templates have no userDataBase64 (their userData is base64 already).
    const encoded = type === LAUNCH_TEMPLATE ? undefined : asString(get(props, "userDataBase64"));
    if (encoded !== undefined && !isUnknown(encoded)) {
        const decoded = decodeBase64(encoded);
        if (decoded !== undefined) scripts.push(["userDataBase64", decoded]);
    }
    return scripts;
}

export const disallowUserDataSecrets = resourceRule({
    name: "ec2-disallow-user-data-secrets",
    category: "exposure",
    description: "EC2 user data must not carry secrets.",
    what: "The user data of Instances (userData, userDataBase64), LaunchTemplates (userData, base64, gzip accepted) and LaunchConfigurations: literal credentials anywhere in the script (AWS access key id, private key, GitHub/Slack/Stripe/Google key, Slack/Discord/Teams webhook URL, a token in a URL's query, a password inside a connection URL), and secret-named shell or cloud-config assignments (DB_PASSWORD=..., password: ...) or --password/--token flags holding a literal. Values the script fetches at run time ($(aws secretsmanager get-secret-value ...), $VAR) and ARNs or parameter paths pass; user data not known yet is skipped.",
    why: "User data is not secret: anyone with ec2:DescribeInstanceAttribute or ec2:DescribeLaunchTemplateVersions reads it, and every process on the instance can fetch it from the instance metadata service (169.254.169.254/latest/user-data), so one SSRF in the application leaks the credential.",
    fix: "Fetch the secret at boot with the instance role (aws secretsmanager get-secret-value --secret-id <arn>, or aws ssm get-parameter --with-decryption) and grant that role access to the one secret; a webhook URL is a secret too.",
    frameworks: { soc2: ["CC6.1", "CC6.7"], gdpr: ["32(1)(a)", "32(1)(b)"] },
    types: [INSTANCE, LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION],
    validate(resource, report) {
        for (const [property, script] of scriptsOf(resource.type, resource.props)) {
            const found = [...embeddedCredentialKinds(script), ...secretAssignmentsIn(script).map((name) => `a literal ${name}`)];
            if (found.length === 0) continue;
            report(`Take the secret out of ${property} (${found.join(", ")}) and fetch it at boot from Secrets Manager or SSM with the instance role: user data is readable through the API and from the instance metadata service.`);
        }
    },
});
