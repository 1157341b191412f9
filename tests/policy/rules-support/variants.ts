/**
 * Recording a program takes seconds; evaluating the pack on a recording takes milliseconds. Stack
 * policy tests therefore record the compliant platform once and derive each noncompliant case by
 * changing one thing in the recording (a property, a dependency, a resource more or less), the way
 * the engine would have recorded the changed program.
 */
import * as assert from "assert";
import type { Policies } from "@pulumi/policy";
import { RecordedResource } from "../../../tools/engine/recorder";
import { ProgramRun, runProgram } from "../../../tools/engine/run";
import { Evaluation } from "../../../tools/policy/evaluate";
import { evaluateBoth } from "../helpers";
import { policies } from "../../../policy/rules";

export async function recordFixture(program: () => unknown, preview = false): Promise<ProgramRun> {
    return runProgram({ project: "fixture", stack: "dev", config: { "aws:region": "eu-west-1" }, program, preview });
}

/** Evaluates only the named policies (the others' cost is not this test's business). */
export function evaluateOnly(run: ProgramRun, ...names: string[]): Promise<Evaluation> {
    const selected = policies.filter((p) => names.includes(p.name));
    assert.strictEqual(selected.length, names.length, `unknown policy among ${names.join(", ")}`);
    return evaluateBoth(run, { policies: selected as unknown as Policies });
}

type Props = Record<string, any>;

export class Variant {
    readonly run: ProgramRun;

    constructor(base: ProgramRun) {
        this.run = structuredClone(base);
    }

    resource(name: string, type?: string): RecordedResource {
        const found = this.run.resources.filter((r) => r.name === name && (type === undefined || r.type === type));
        assert.strictEqual(found.length, 1, `expected one resource named ${name}, found ${found.length}`);
        return found[0];
    }

    /** Changes inputs and outputs alike (what the program declared is what the engine reports). */
    edit(name: string, change: (props: Props) => void): this {
        const resource = this.resource(name);
        change(resource.inputs);
        change(resource.outputs);
        return this;
    }

    remove(...names: string[]): this {
        const urns = new Set(names.map((n) => this.resource(n).urn));
        this.run.resources = this.run.resources.filter((r) => !urns.has(r.urn));
        for (const r of this.run.resources) {
            r.dependencies = r.dependencies.filter((u) => !urns.has(u));
            for (const key of Object.keys(r.propertyDependencies)) r.propertyDependencies[key] = r.propertyDependencies[key].filter((u) => !urns.has(u));
        }
        return this;
    }

    /** Makes `property` of `name` computed from the named resources (replacing what it depended on). */
    dependOn(name: string, property: string, ...targets: string[]): this {
        const resource = this.resource(name);
        const urns = targets.map((t) => this.resource(t).urn);
        resource.propertyDependencies[property] = urns;
        resource.dependencies = [...new Set([...resource.dependencies, ...urns])];
        return this;
    }

    add(type: string, name: string, props: Props, dependencies: Record<string, string[]> = {}, options: Partial<RecordedResource["options"]> = {}): this {
        const template = this.run.resources.find((r) => r.custom)!;
        const urn = `urn:pulumi:${this.run.stack}::${this.run.project}::${type}::${name}`;
        this.run.resources.push({
            ...structuredClone(template),
            urn,
            type,
            name,
            parent: template.parent,
            id: this.run.preview ? null : `${name}-id`,
            inputs: structuredClone(props),
            outputs: { ...structuredClone(props), ...(this.run.preview ? {} : { id: `${name}-id` }) },
            options: { ...structuredClone(template.options), protect: false, ...options },
            dependencies: [],
            propertyDependencies: {},
        });
        for (const [property, targets] of Object.entries(dependencies)) this.dependOn(name, property, ...targets);
        return this;
    }

    /** The recorded id (or ARN) of a resource, for literal references. */
    value(name: string, property = "id"): unknown {
        const resource = this.resource(name);
        return property === "id" ? resource.id : resource.outputs[property];
    }
}

export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
