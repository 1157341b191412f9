/**
 * Deploy readiness: offline predictions of what `pulumi up` would hit at AWS that a policy pack does
 * not judge. Errors are calls AWS would reject (the deploy fails part-way); warnings are resources
 * that deploy but will not work (a function that times out, a grant that never applies).
 */
import type { ProgramRun } from "../engine/run";
import { cacheIngress } from "./checks/cacheIngress";
import { cloudfrontCacheKeyQueryStrings } from "./checks/cloudfrontCacheKeyQueryStrings";
import { cloudfrontCertificate } from "./checks/cloudfrontCertificate";
import { cloudfrontLambdaOacMethods } from "./checks/cloudfrontLambdaOacMethods";
import { cloudfrontLambdaOrigin } from "./checks/cloudfrontLambdaOrigin";
import { cloudfrontWebAcl } from "./checks/cloudfrontWebAcl";
import { dependencyCycles } from "./checks/dependencyCycles";
import { elasticacheAuthToken } from "./checks/elasticacheAuthToken";
import { elasticacheAuthTokenInputs } from "./checks/elasticacheAuthTokenInputs";
import { elasticacheMultiAz } from "./checks/elasticacheMultiAz";
import { elasticacheReplicationGroupId } from "./checks/elasticacheReplicationGroupId";
import { finalSnapshotIdentifier } from "./checks/finalSnapshotIdentifier";
import { functionEgressPath } from "./checks/functionEgressPath";
import { functionEgressRules } from "./checks/functionEgressRules";
import { iamConditionKeys } from "./checks/iamConditionKeys";
import { iamResourceTypes } from "./checks/iamResourceTypes";
import { iamUnknownActions } from "./checks/iamUnknownActions";
import { interfaceEndpoints } from "./checks/interfaceEndpoints";
import { kmsKeyAccess } from "./checks/kmsKeyAccess";
import { lambdaLimits } from "./checks/lambdaLimits";
import { lambdaLogGroup } from "./checks/lambdaLogGroup";
import { lambdaSourceMaps } from "./checks/lambdaSourceMaps";
import { lambdaVpcPermissions } from "./checks/lambdaVpcPermissions";
import { nameLengths } from "./checks/nameLengths";
import { natGatewayRoute } from "./checks/natGatewayRoute";
import { providerConflictingArguments } from "./checks/providerConflictingArguments";
import { explicitProviderAccount } from "./checks/explicitProviderAccount";
import { s3LogBucketForceDestroy } from "./checks/s3LogBucketForceDestroy";
import { securityhubConfigRecorder } from "./checks/securityhubConfigRecorder";
import { serviceTrust } from "./checks/serviceTrust";
import { subnetLayout } from "./checks/subnetLayout";
import { deployPlan, DeployPlan, SLOW_RESOURCES } from "./deployPlan";
import { Finding, ReadinessCheck, ReadinessOptions, StackView } from "./lib";

export type { DeployPlan, Finding, ReadinessCheck, ReadinessOptions };

/** Every check, in the order the docs list them. */
export const CHECKS: ReadinessCheck[] = [
    providerConflictingArguments,
    explicitProviderAccount,
    elasticacheAuthToken,
    elasticacheAuthTokenInputs,
    elasticacheMultiAz,
    elasticacheReplicationGroupId,
    finalSnapshotIdentifier,
    s3LogBucketForceDestroy,
    cloudfrontCertificate,
    cloudfrontWebAcl,
    cloudfrontLambdaOrigin,
    cloudfrontLambdaOacMethods,
    cloudfrontCacheKeyQueryStrings,
    lambdaLimits,
    lambdaLogGroup,
    lambdaSourceMaps,
    subnetLayout,
    nameLengths,
    iamUnknownActions,
    iamConditionKeys,
    iamResourceTypes,
    lambdaVpcPermissions,
    serviceTrust,
    kmsKeyAccess,
    natGatewayRoute,
    functionEgressPath,
    cacheIngress,
    interfaceEndpoints,
    functionEgressRules,
    securityhubConfigRecorder,
    dependencyCycles,
];

export interface Readiness {
    findings: Finding[];
    errors: number;
    warnings: number;
    deployPlan: DeployPlan;
}

/** Runs every check (or the given ones) on a recorded program run. */
export async function runReadiness(
    run: Pick<ProgramRun, "resources" | "preview" | "region" | "account" | "workDir" | "awsConfigKeys">,
    options: ReadinessOptions & { checks?: ReadinessCheck[] } = {},
): Promise<Readiness> {
    const stack = new StackView(run, options);
    const findings: Finding[] = [];
    for (const check of options.checks ?? CHECKS) findings.push(...(await check.run(stack)));
    const order = new Map((options.checks ?? CHECKS).map((c, i) => [c.name, i]));
    findings.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1) || order.get(a.check)! - order.get(b.check)! || a.urn.localeCompare(b.urn));
    return {
        findings,
        errors: findings.filter((f) => f.severity === "error").length,
        warnings: findings.filter((f) => f.severity === "warning").length,
        deployPlan: deployPlan(run.resources),
    };
}

/** The readiness part of the plan's JSON report: new top-level fields, and two counts added to `summary`. */
export interface ReadinessReport {
    readiness: Finding[];
    deployPlan: DeployPlan;
    summary: { readinessErrors: number; readinessWarnings: number };
}

export function readinessReport<S extends object>(readiness: Readiness, summary: S): Omit<ReadinessReport, "summary"> & { summary: S & ReadinessReport["summary"] } {
    return {
        summary: { ...summary, readinessErrors: readiness.errors, readinessWarnings: readiness.warnings },
        readiness: readiness.findings.map(({ check, severity, urn, name, type, message, rule, fix }) => ({ check, severity, urn, name, type, message, rule, fix })),
        deployPlan: readiness.deployPlan,
    };
}

/** The "Deploy readiness" section of the text report. */
export function formatReadiness(findings: Finding[]): string {
    const errors = findings.filter((f) => f.severity === "error").length;
    const warnings = findings.length - errors;
    const verdict = errors > 0 ? " BLOCKED: AWS would reject the deploy." : "";
    const lines = [
        `Deploy readiness: ${errors} error${errors === 1 ? "" : "s"} (would fail at deploy), ${warnings} warning${warnings === 1 ? "" : "s"} (would deploy but not work).${verdict}`,
    ];
    for (const f of findings) {
        lines.push(`  ${f.severity === "error" ? "error  " : "warning"}  ${f.check}  ${f.name} (${f.type})`);
        lines.push(`    ${f.message}`);
        lines.push(`    rule: ${f.rule}`);
        lines.push(`    fix:  ${f.fix}`);
    }
    return lines.join("\n");
}

/** The "Deploy plan" section: how many waves, what is slow, and the longest chain. */
export function formatDeployPlan(plan: DeployPlan, nameOf: (urn: string) => string = (urn) => urn.split("::").pop() ?? urn): string {
    const lines = [`Deploy plan: ${plan.waves.length} wave${plan.waves.length === 1 ? "" : "s"} of creation.`];
    if (plan.slow.length === 0) lines.push("  No slow resources.");
    for (const s of plan.slow) {
        const [min, max] = s.typicalMinutes;
        lines.push(`  slow: ${nameOf(s.urn)} (${s.type}) ~${min}-${max} min: ${SLOW_RESOURCES[s.type]?.why ?? "slow to create"}`);
    }
    if (plan.criticalPath.urns.length > 0) {
        const [min, max] = plan.criticalPath.typicalMinutes;
        lines.push(`  longest wait: ${plan.criticalPath.urns.map(nameOf).join(" -> ")}, ~${min}-${max} min`);
    }
    for (const cycle of plan.cycles) lines.push(`  cycle: ${cycle.map(nameOf).join(" -> ")} (cannot be ordered)`);
    return lines.join("\n");
}

/** Both sections, as the text report shows them (the plan section only when the report has one). */
export function formatReadinessSections(findings: Finding[], plan: DeployPlan | undefined): string {
    return plan ? `${formatReadiness(findings)}\n\n${formatDeployPlan(plan)}` : formatReadiness(findings);
}
