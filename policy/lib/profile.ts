/**
 * The pack's profile: "default" (what any program gets: mandatory means a risk present today) or
 * "strict" (customer managed keys and defence in depth become mandatory too; Bulwark's own stacks).
 *
 * Pulumi's policy config file only maps policy names (and "all") to a level or to that policy's own
 * settings, and a policy sees only its own settings: a top-level `"profile": "strict"` is rejected by
 * the CLI ("not a valid enforcement level"). So the profile is a setting of one policy of its own,
 * `bulwark-configure-profile`, which the pack lists first:
 *
 *     { "bulwark-configure-profile": { "profile": "strict" } }
 *
 * CrossGuard runs a pack's policies in list order on every resource (server.js makeAnalyzeRpcFun, and
 * the offline engines likewise), and every resource is analyzed before the stack is, so this policy
 * has recorded the configured profile before any other policy reports.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import type { RuleMetadata } from "./rule";
import { asString, get, raw } from "./values";

export const PROFILES = ["default", "strict"] as const;
export type Profile = (typeof PROFILES)[number];

export const PROFILE_POLICY_NAME = "bulwark-configure-profile";

let active: Profile = "default";

/** The profile the last analyzed resource ran under ("default" until the pack has seen one). */
export function activeProfile(): Profile {
    return active;
}

function profileOf(config: unknown): Profile {
    const value = asString(get(raw(config), "profile"));
    return (PROFILES as readonly string[]).includes(value ?? "") ? (value as Profile) : "default";
}

const metadata: RuleMetadata = {
    name: PROFILE_POLICY_NAME,
    category: "hygiene",
    description: "Selects the pack's profile (default or strict); it never reports a violation.",
    what: 'Carries the pack-wide `profile` setting: "default" (mandatory only for what is exposed, unencrypted or over-privileged today, relying on AWS\'s current defaults) or "strict" (customer managed keys and defence-in-depth findings are mandatory too). Set it with { "bulwark-configure-profile": { "profile": "strict" } } in the policy config file.',
    why: "A mandatory level that is often debatable trains users to turn everything advisory; preferences belong to an opt-in profile so that mandatory keeps meaning a present risk.",
    fix: "Nothing to fix: choose the profile in the stack's policy config file.",
    frameworks: { soc2: ["CC8.1"] },
    levels: { default: "advisory", strict: "advisory" },
};

export const profilePolicy: ResourceValidationPolicy & { bulwark: RuleMetadata } = {
    name: PROFILE_POLICY_NAME,
    description: metadata.description,
    remediationSteps: metadata.fix,
    tags: [metadata.category],
    enforcementLevel: "advisory",
    configSchema: {
        properties: {
            profile: { type: "string", enum: [...PROFILES], default: "default", description: "default: AWS's current defaults are relied on and preferences are advisory. strict: customer managed keys and defence in depth are mandatory." },
        },
    },
    // Not async, no type filter: it must run on every resource, before the rules that read it.
    validateResource: (args) => {
        active = profileOf(args.getConfig());
    },
    bulwark: metadata,
};
