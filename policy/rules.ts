/**
 * The Bulwark policy pack's contents: every rule, with the enforcement level the pack gives it.
 * Imported by policy/index.ts (which serves the pack), by the offline plan and by the tests, which
 * must never import index.ts: constructing a PolicyPack starts a gRPC server.
 *
 * Rules live one a file under rules/<area>/ and are listed in rules/<area>/index.ts; a new rule needs
 * no change here. Levels follow the rule's category, so a rule never chooses its own.
 */
import type { EnforcementLevel } from "@pulumi/policy";
import { BulwarkPolicy, Category } from "./lib/rule";
import { edgeRules } from "./rules/edge";
import { encryptionRules } from "./rules/encryption";
import { exposureRules } from "./rules/exposure";
import { iamRules } from "./rules/iam";
import { loggingRules } from "./rules/logging";
import { networkRules } from "./rules/network";
import { reachabilityRules } from "./rules/reachability";
import { resilienceRules } from "./rules/resilience";
import { secretsRules } from "./rules/secrets";

export const PACK_NAME = "bulwark";

/** Least privilege, encryption and public exposure block a deployment; the rest warn. */
export const LEVEL_BY_CATEGORY: Record<Category, EnforcementLevel> = {
    "least-privilege": "mandatory",
    encryption: "mandatory",
    exposure: "mandatory",
    logging: "advisory",
    resilience: "advisory",
    hygiene: "advisory",
};

/** Policies not otherwise given a level (none today; the pack default CrossGuard needs). */
export const PACK_ENFORCEMENT_LEVEL: EnforcementLevel = "advisory";

const allRules: BulwarkPolicy[] = [...iamRules, ...secretsRules, ...encryptionRules, ...exposureRules, ...loggingRules, ...resilienceRules, ...networkRules, ...edgeRules, ...reachabilityRules];

export const policies: BulwarkPolicy[] = allRules.map((rule) => ({ ...rule, enforcementLevel: LEVEL_BY_CATEGORY[rule.bulwark.category] }));

const duplicates = policies.map((p) => p.name).filter((name, i, names) => names.indexOf(name) !== i);
if (duplicates.length > 0) throw new Error(`Policy names must be unique; repeated: ${duplicates.join(", ")}`);
