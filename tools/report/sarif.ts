/**
 * The plan as SARIF 2.1.0 for GitHub code scanning: one run per stack, rule ids = policy names
 * (and `readiness/<check>` for readiness checks), mandatory -> error, advisory -> warning, and a
 * suppressed violation -> note with the exemption's reason in `suppressions`. Resources have no
 * source line, so each result names its URN as a logical location and points at the program file.
 */
import { createHash } from "crypto";
import type * as Sarif from "sarif";
import type { Violation } from "../policy/evaluate";
import type { Finding } from "../readiness/lib";
import { packPolicies, readinessFindings, StackOutcome } from "./outcome";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
export const TOOL_NAME = "bulwark-plan";

type Level = Sarif.ReportingConfiguration.level;

export function violationLevel(violation: Pick<Violation, "level" | "suppressed">): Level {
    if (violation.suppressed) return "note";
    return violation.level === "mandatory" ? "error" : "warning";
}

function fingerprint(...parts: string[]): string {
    return createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 32);
}

function location(urn: string, name: string, program: string): Sarif.Location {
    return {
        physicalLocation: { artifactLocation: { uri: program }, region: { startLine: 1 } },
        logicalLocations: [{ fullyQualifiedName: urn, name, kind: "resource" }],
    };
}

function policyRules(): Sarif.ReportingDescriptor[] {
    return packPolicies().map(({ name, level, bulwark }) => ({
        id: name,
        name,
        shortDescription: { text: bulwark.description },
        fullDescription: { text: `${bulwark.what} ${bulwark.why}` },
        help: { text: bulwark.fix, markdown: `**Fix:** ${bulwark.fix}` },
        defaultConfiguration: { level: level === "mandatory" ? "error" : "warning" },
        properties: { category: bulwark.category, enforcementLevel: level, tags: ["security", bulwark.category] },
    }));
}

function readinessRule(check: string, findings: Finding[]): Sarif.ReportingDescriptor {
    const first = findings[0];
    return {
        id: `readiness/${check}`,
        name: check,
        shortDescription: { text: `Readiness check ${check}: predicts a deploy that AWS rejects or that does not work as meant.` },
        fullDescription: { text: first.rule },
        help: { text: first.fix },
        defaultConfiguration: { level: "error" },
        properties: { tags: ["readiness"] },
    };
}

function runOf(outcome: StackOutcome, version: string): Sarif.Run {
    const { report } = outcome;
    const stackUrn = outcome.resources.find((r) => r.type === "pulumi:pulumi:Stack")?.urn ?? `urn:pulumi:${report.stack}`;
    const rules = policyRules();
    const known = new Set(rules.map((r) => r.id));
    // Violations of policies outside Bulwark's pack still need a rule entry.
    for (const name of new Set(report.violations.map((v) => v.policy))) {
        if (!known.has(name)) {
            rules.push({ id: name, shortDescription: { text: name } });
            known.add(name);
        }
    }
    const findings = readinessFindings(report);
    const byCheck = new Map<string, Finding[]>();
    for (const f of findings) byCheck.set(f.check, [...(byCheck.get(f.check) ?? []), f]);
    for (const [check, list] of byCheck) rules.push(readinessRule(check, list));
    const index = new Map(rules.map((r, i) => [r.id, i]));

    const results: Sarif.Result[] = report.violations.map((v) => {
        const urn = v.urn ?? stackUrn;
        const result: Sarif.Result = {
            ruleId: v.policy,
            ruleIndex: index.get(v.policy),
            level: violationLevel(v),
            message: { text: v.message },
            locations: [location(urn, v.name ?? report.stack, report.program)],
            partialFingerprints: { "bulwarkResource/v1": fingerprint(v.policy, urn, v.message) },
            properties: { enforcementLevel: v.level, ...("step" in v ? { step: (v as { step: unknown }).step } : {}) },
        };
        if (v.suppressed) result.suppressions = [{ kind: "external", status: "accepted", justification: v.reason ?? "exempted in the policy configuration" }];
        return result;
    });
    for (const f of findings) {
        const id = `readiness/${f.check}`;
        results.push({
            ruleId: id,
            ruleIndex: index.get(id),
            level: f.severity === "error" ? "error" : "warning",
            message: { text: `${f.message} Fix: ${f.fix}` },
            locations: [location(f.urn, f.name, report.program)],
            partialFingerprints: { "bulwarkResource/v1": fingerprint(id, f.urn, f.message) },
        });
    }
    // Components nobody looked inside are a limit of the analysis, not findings: SARIF's tool notifications.
    const notJudged = report.notJudged ?? [];
    const invocation: Sarif.Invocation = {
        executionSuccessful: true,
        toolExecutionNotifications: notJudged.map((item) => ({
            descriptor: { id: "not-judged" },
            level: "warning",
            message: { text: `Not judged: ${item.type} ${item.urn.split("::").pop()}: ${item.reason}` },
            locations: [location(item.urn, item.urn.split("::").pop() ?? item.urn, report.program)],
        })),
    };
    return {
        tool: {
            driver: {
                name: TOOL_NAME,
                version,
                semanticVersion: version,
                informationUri: "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/",
                rules,
                notifications: [{ id: "not-judged", shortDescription: { text: "A remote (multi-language) component whose resources no policy saw." } }],
            },
        },
        automationDetails: { id: `${TOOL_NAME}/${report.stack}/` },
        invocations: [invocation],
        results,
        properties: {
            stack: report.stack,
            program: report.program,
            summary: report.summary,
            monthlyUsd: report.cost.monthlyUsd,
            costDate: report.cost.date,
            costNote: report.cost.note,
            notJudged,
            expandedComponents: report.expandedComponents ?? [],
        },
    };
}

export function toSarif(outcomes: StackOutcome[], version: string): Sarif.Log {
    return { $schema: SARIF_SCHEMA, version: "2.1.0", runs: outcomes.map((o) => runOf(o, version)) };
}
