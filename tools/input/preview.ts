import type { RecordedResource } from "../engine/recorder";
import { InputFileError, PathStep, formatPath } from "./json-file";
import { storedResource } from "./resource";
import { InputRun, runOf } from "./state";
import { ValueContext } from "./values";

/**
 * `pulumi preview --json` output: display.PreviewDigest `{config, steps[], diagnostics, duration,
 * changeSummary}`, each step a PreviewStep `{op, urn, provider?, oldState?, newState?, diffReasons,
 * replaceReasons, detailedDiff}` whose states are apitype.ResourceV3 (pulumi/pulumi
 * sdk/go/display/json.go, written by pkg/backend/display/json.go ShowPreviewDigest). Secrets are
 * blinded to the string "[secret]" there (stateForJSONOutput), and values not known until deploy
 * are the engine's unknown sentinel.
 */

/**
 * What happens to a resource judged in a preview. A replacement's several steps (create-replacement,
 * replace, delete-replaced) are reported as one "replace".
 */
export type StepKind = "create" | "update" | "same" | "replace" | "import" | "refresh";

/** Steps whose newState is the resource the program registers: the engine analyzes each. */
const JUDGED: Record<string, StepKind> = {
    same: "same",
    create: "create",
    update: "update",
    replace: "replace",
    "create-replacement": "replace",
    import: "import",
    "import-replacement": "replace",
    refresh: "refresh",
};

/** Steps that take a resource out of the stack, or that read one the stack does not manage. */
const NOT_JUDGED = new Set(["delete", "delete-replaced", "discard", "discard-replaced", "remove-pending-replace", "read", "read-replacement", "read-discard"]);

export interface PreviewRun extends InputRun {
    /** The step each judged resource's URN takes. */
    steps: Map<string, StepKind>;
}

export function readPreview(document: Record<string, unknown>, file: string): PreviewRun {
    const rawSteps = document.steps ?? [];
    if (!Array.isArray(rawSteps)) throw new InputFileError(file, "$.steps", "must be a list of steps (display.PreviewStep).");
    const config = document.config;
    const configRegion = typeof config === "object" && config !== null && typeof (config as Record<string, unknown>)["aws:region"] === "string" ? ((config as Record<string, unknown>)["aws:region"] as string) : undefined;
    const ctx: ValueContext = { file, preview: true, secrets: new Set() };
    const byUrn = new Map<string, RecordedResource>();
    const steps = new Map<string, StepKind>();
    const skipped: InputRun["skipped"] = [];
    for (let i = 0; i < rawSteps.length; i++) {
        const path: PathStep[] = ["steps", i];
        const step = rawSteps[i] as Record<string, unknown>;
        if (typeof step !== "object" || step === null || Array.isArray(step)) throw new InputFileError(file, formatPath(path), "a step must be an object {op, urn, oldState, newState}.");
        if (typeof step.op !== "string" || step.op === "") throw new InputFileError(file, formatPath([...path, "op"]), "the step has no op (create, update, same, delete, replace, ...).");
        if (typeof step.urn !== "string" || step.urn === "") throw new InputFileError(file, formatPath([...path, "urn"]), "the step has no urn.");
        const op = step.op;
        const kind = JUDGED[op];
        if (kind === undefined) {
            if (!NOT_JUDGED.has(op)) throw new InputFileError(file, formatPath([...path, "op"]), `unknown step op "${op}".`);
            if (!byUrn.has(step.urn)) skipped.push({ urn: step.urn, reason: op.startsWith("read") ? "read with get(), not managed by this stack" : `leaves the stack (${op})` });
            rawSteps[i] = undefined;
            continue;
        }
        if (step.newState === undefined || step.newState === null) throw new InputFileError(file, formatPath([...path, "newState"]), `a "${op}" step must carry the resource's newState.`);
        const stored = storedResource(step.newState, [...path, "newState"], ctx);
        if (stored.urn !== step.urn) throw new InputFileError(file, formatPath([...path, "newState", "urn"]), `is ${stored.urn}, but the step is for ${step.urn}.`);
        rawSteps[i] = undefined;
        // A replacement shows up as several steps; the last state wins and the resource keeps its first place.
        byUrn.set(stored.urn, stored.resource);
        const previous = steps.get(stored.urn);
        steps.set(stored.urn, previous === "replace" ? "replace" : kind);
    }
    // A resource both deleted and created under one URN (a delete-before-replace) is judged as its new self.
    const judgedSkipped = skipped.filter((s) => !byUrn.has(s.urn));
    return { run: runOf([...byUrn.values()], file, true, configRegion), secrets: ctx.secrets, skipped: judgedSkipped, steps };
}
