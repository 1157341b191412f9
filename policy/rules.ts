/**
 * The Bulwark policy pack's contents: every rule, with the enforcement level the pack gives it.
 * Imported by policy/index.ts (which serves the pack), by the offline plan and by the tests, which
 * must never import index.ts: constructing a PolicyPack starts a gRPC server.
 *
 * Rules live one a file under rules/<area>/ and are listed in rules/<area>/index.ts; a new rule needs
 * no change here. Levels follow the rule's category in each profile (lib/rule.ts LEVEL_BY_CATEGORY)
 * unless the rule declares `levels`; the profile itself is chosen in the config (lib/profile.ts).
 */
import type { EnforcementLevel } from "@pulumi/policy";
import { profilePolicy } from "./lib/profile";
import { BulwarkPolicy } from "./lib/rule";
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

export { LEVEL_BY_CATEGORY } from "./lib/rule";

/** Policies not otherwise given a level (none today; the pack default CrossGuard needs). */
export const PACK_ENFORCEMENT_LEVEL: EnforcementLevel = "advisory";

const allRules: BulwarkPolicy[] = [...iamRules, ...secretsRules, ...encryptionRules, ...exposureRules, ...loggingRules, ...resilienceRules, ...networkRules, ...edgeRules, ...reachabilityRules];

/** The profile policy first: CrossGuard runs policies in this order, and the rules read the profile it records. */
export const policies: BulwarkPolicy[] = [profilePolicy, ...allRules];

const duplicates = policies.map((p) => p.name).filter((name, i, names) => names.indexOf(name) !== i);
if (duplicates.length > 0) throw new Error(`Policy names must be unique; repeated: ${duplicates.join(", ")}`);
