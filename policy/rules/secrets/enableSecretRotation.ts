import { stackRule } from "../../lib/rule";
import { resourcesOfType } from "../../lib/stack";
import { linksOf } from "../reachability/links";

const SECRET = "aws:secretsmanager/secret:Secret";

export const enableSecretRotation = stackRule({
    name: "secretsmanager-enable-secret-rotation",
    category: "hygiene",
    description: "Secrets Manager secrets should rotate automatically.",
    what: "Each Secret should be the secretId of a SecretRotation (a rotation function or managed rotation with rotationRules). Secrets that RDS manages (manageMasterUserPassword) rotate on their own and are not Secret resources.",
    why: "A secret that never changes stays valid for whoever copied it, from a laptop, a log or a former colleague; rotation bounds how long a leak is useful.",
    fix: "Add aws.secretsmanager.SecretRotation({ secretId: secret.id, rotationLambdaArn, rotationRules: { automaticallyAfterDays: 30 } }), or let the service manage the credential (RDS manageMasterUserPassword).",
    frameworks: { fsbp: ["SecretsManager.1", "SecretsManager.4"], soc2: ["CC6.1"], gdpr: ["32(1)(b)"] },
    validate({ resources }, report) {
        const rotations = resourcesOfType(resources, "aws:secretsmanager/secretRotation:SecretRotation").map((r) => linksOf(resources, r, "secretId", [SECRET]));
        if (rotations.some((r) => r.unresolved)) return;
        const rotated = new Set(rotations.flatMap((r) => r.targets.map((t) => t.urn)));
        for (const secret of resourcesOfType(resources, SECRET)) {
            if (!rotated.has(secret.urn)) {
                report(secret, `Add a SecretRotation for secret "${secret.name}" (rotationRules.automaticallyAfterDays 30 to 90) so a leaked value stops working.`);
            }
        }
    },
});
