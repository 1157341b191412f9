import type { ProgramRun } from "../engine/run";
import { DEFAULT_REGION } from "../engine/project";
import { InputFileError, PathStep } from "./json-file";
import { accountFromArns, parseUrn, regionOf, storedResource } from "./resource";
import { ValueContext } from "./values";

/**
 * `pulumi stack export` files: apitype.UntypedDeployment `{version, deployment}` whose deployment is
 * a DeploymentV3 `{manifest, secrets_providers?, resources[], pending_operations?}` (pulumi/pulumi
 * sdk/go/common/apitype/core.go). Version 3 is DeploymentSchemaVersionCurrent; version 4 is the same
 * document with a `features` list naming what it uses beyond 3, and a reader must refuse features it
 * does not know (as the CLI does). A backend's own checkpoint file (`{version, checkpoint: {stack,
 * latest}}`, VersionedCheckpoint/CheckpointV3) holds the same deployment under `checkpoint.latest`.
 */

export const SUPPORTED_VERSIONS = [3, 4] as const;

/**
 * Features of version 4 this reader understands: output values (`outputDependencies`, read in
 * values.ts) and per-resource flags no policy reads (`refreshBeforeUpdate`, `hooks`).
 */
export const KNOWN_FEATURES = ["outputDependencies", "refreshBeforeUpdate", "hooks"];

export interface InputRun {
    run: ProgramRun;
    /** Plaintext secrets met in the file: scrubbed from the report. */
    secrets: Set<string>;
    /** Resources in the file the plan does not judge, with why (pending deletion, read-only). */
    skipped: { urn: string; reason: string }[];
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The DeploymentV3 of an export or checkpoint, after checking its version and features. */
function deploymentOf(document: Record<string, unknown>, file: string): { deployment: Record<string, unknown>; path: PathStep[] } {
    const version = document.version;
    if (typeof version !== "number" || !Number.isInteger(version)) {
        throw new InputFileError(file, "$.version", `must be the deployment schema version (a whole number, ${SUPPORTED_VERSIONS.join(" or ")}), not ${JSON.stringify(version)}.`);
    }
    if (!(SUPPORTED_VERSIONS as readonly number[]).includes(version)) {
        const hint = version < 3 ? "it predates first-class providers; run `pulumi stack export` with a current CLI to upgrade it" : "it is newer than this plan knows; upgrade Bulwark or export with the CLI version it supports";
        throw new InputFileError(file, "$.version", `deployment schema version ${version} is not supported (${SUPPORTED_VERSIONS.join(" and ")} are): ${hint}.`);
    }
    const features = document.features;
    if (features !== undefined) {
        if (!Array.isArray(features)) throw new InputFileError(file, "$.features", "must be a list of feature names.");
        const unknown = features.filter((f) => !KNOWN_FEATURES.includes(f as string));
        if (unknown.length > 0) throw new InputFileError(file, "$.features", `the deployment uses features this plan does not read: ${unknown.map((f) => JSON.stringify(f)).join(", ")} (it reads ${KNOWN_FEATURES.join(", ")}).`);
    }
    if ("checkpoint" in document) {
        const checkpoint = document.checkpoint;
        if (!isObject(checkpoint)) throw new InputFileError(file, "$.checkpoint", "must be an object {stack, latest} (apitype.CheckpointV3).");
        if (checkpoint.latest === undefined || checkpoint.latest === null) return { deployment: { resources: [] }, path: ["checkpoint", "latest"] };
        if (!isObject(checkpoint.latest)) throw new InputFileError(file, "$.checkpoint.latest", "must be a deployment object (apitype.DeploymentV3).");
        return { deployment: checkpoint.latest, path: ["checkpoint", "latest"] };
    }
    if (!isObject(document.deployment)) throw new InputFileError(file, "$.deployment", "must be a deployment object {manifest, resources} (apitype.DeploymentV3).");
    return { deployment: document.deployment, path: ["deployment"] };
}

/** Reads a parsed `pulumi stack export` document as the stack the engine would judge after an update. */
export function readStackExport(document: Record<string, unknown>, file: string): InputRun {
    const { deployment, path } = deploymentOf(document, file);
    const raw = deployment.resources ?? [];
    if (!Array.isArray(raw)) throw new InputFileError(file, `$.${path.join(".")}.resources`, "must be a list of resources (apitype.ResourceV3).");
    const ctx: ValueContext = { file, preview: false, secrets: new Set() };
    const resources = [];
    const skipped: InputRun["skipped"] = [];
    for (let i = 0; i < raw.length; i++) {
        const stored = storedResource(raw[i], [...path, "resources", i], ctx);
        // Drop the stored object as it is read, so the file's objects and the plan's are not both held.
        raw[i] = undefined;
        if (stored.delete) skipped.push({ urn: stored.urn, reason: "pending deletion (an old copy of a replaced resource)" });
        else if (stored.external) skipped.push({ urn: stored.urn, reason: "read with get(), not managed by this stack" });
        else resources.push(stored.resource);
    }
    return { run: runOf(resources, file, false, undefined), secrets: ctx.secrets, skipped };
}

/** The ProgramRun the evaluators take, with the stack, project, region and account the file names. */
export function runOf(resources: ProgramRun["resources"], file: string, preview: boolean, configRegion: string | undefined): ProgramRun {
    const first = resources[0] ? parseUrn(resources[0].urn) : undefined;
    if (!first) throw new InputFileError(file, "$", "the file holds no resources to judge.");
    const root = resources.find((r) => r.type === "pulumi:pulumi:Stack" && r.parent === null);
    return {
        project: first.project,
        stack: first.stack,
        preview,
        region: regionOf(resources, configRegion) ?? DEFAULT_REGION,
        account: accountFromArns(resources),
        resources,
        stackOutputs: root?.outputs ?? {},
    };
}
