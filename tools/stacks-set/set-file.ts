/**
 * The set file of `npm run plan -- --stacks <file>`: the stacks planned together, YAML or JSON
 * (YAML is a superset, so one parser reads both):
 *
 *     stacks:
 *       - name: acme/network/dev      # what other programs pass to new pulumi.StackReference(...)
 *         program: ./network          # the project folder (Pulumi.yaml) or entry file, relative to this file
 *         stack: dev                  # optional: the stack part of `name`; its config is Pulumi.<stack>.yaml
 *         destroy: true               # optional: this change destroys the stack (pulumi destroy); no other may read it
 *         state: ./network-dev.json   # optional: its `pulumi stack export`, to see what the change deletes under readers
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { locateProgram, PlanInputError } from "../engine/project";
import { DEFAULT_ORGANIZATION } from "../engine/run";

export interface SetMember {
    /** The fully qualified name, `<org>/<project>/<stack>`, as StackReferences name it. */
    name: string;
    /** The program's folder or entry file, absolute. */
    program: string;
    /** The stack whose `Pulumi.<stack>.yaml` config the program runs with. */
    stack: string;
    /** The project part of `name`, which must be the program's Pulumi.yaml `name`. */
    project: string;
    /** The organization part of `name`: what `pulumi.getOrganization()` returns in the program. */
    organization: string;
    /** The change destroys this stack (`pulumi destroy`): a stack of the set still reading it is an error. */
    destroy: boolean;
    /** The stack's deployed state (`pulumi stack export`), absolute: what the change would delete or replace. */
    state?: string;
}

export interface StackSet {
    file: string;
    members: SetMember[];
}

const QUALIFIED = /^([\w.-]+)\/([\w.-]+)\/([A-Za-z0-9_.-]+)$/;
const EXAMPLE = "stacks: [{ name: acme/network/dev, program: ./network }]";

/** How a directory of projects becomes a set: the stack to take of each project, and the organization to name them in. */
export interface DirectoryOptions {
    /** Only this stack of each project (`--stack dev`); every stack file otherwise. */
    stack?: string;
    /** @default DEFAULT_ORGANIZATION */
    organization?: string;
}

export function readSetFile(file: string, directory: DirectoryOptions = {}): StackSet {
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) return readProjectDirectory(file, directory);
    const where = `--stacks ${file}`;
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (error) {
        throw new PlanInputError(`${where}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); give a YAML or JSON file such as ${EXAMPLE}.`);
    }
    let parsed: unknown;
    try {
        parsed = YAML.parse(text);
    } catch (error) {
        throw new PlanInputError(`${where}: not valid YAML or JSON (${(error as Error).message.split("\n")[0]}).`);
    }
    const stacks = (parsed as { stacks?: unknown } | null)?.stacks;
    if (!Array.isArray(stacks) || stacks.length === 0) {
        throw new PlanInputError(`${where}: "stacks" must be a non-empty list of { name, program, stack? }, e.g. ${EXAMPLE}.`);
    }
    const dir = path.dirname(path.resolve(file));
    const members = stacks.map((entry, i) => memberOf(entry, `${where}: stacks[${i}]`, dir));
    const names = members.map((m) => m.name);
    const twice = names.find((name, i) => names.indexOf(name) !== i);
    if (twice) throw new PlanInputError(`${where}: ${twice} is listed twice: list each stack once.`);
    return { file: path.resolve(file), members };
}

function memberOf(entry: unknown, where: string, dir: string): SetMember {
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) throw new PlanInputError(`${where} must be an object { name, program, stack? }, e.g. ${EXAMPLE}.`);
    const { name, program, stack, destroy, state, ...rest } = entry as Record<string, unknown>;
    const unknownKey = Object.keys(rest)[0];
    if (unknownKey) throw new PlanInputError(`${where} has "${unknownKey}": the keys are name, program, stack, destroy and state.`);
    if (state !== undefined && (typeof state !== "string" || !fs.existsSync(path.resolve(dir, state)))) {
        throw new PlanInputError(`${where}.state is ${JSON.stringify(state)}: give the stack's \`pulumi stack export\` file, relative to the set file (pulumi stack export --stack <name> > <file>).`);
    }
    if (destroy !== undefined && typeof destroy !== "boolean") throw new PlanInputError(`${where}.destroy is ${JSON.stringify(destroy)}: give true when this change destroys the stack, or leave it out.`);
    if (typeof name !== "string" || !QUALIFIED.test(name)) {
        throw new PlanInputError(`${where}.name is ${JSON.stringify(name)}: give the fully qualified <org>/<project>/<stack> other programs pass to new pulumi.StackReference(...), e.g. acme/network/dev.`);
    }
    const [, organization, project, stackOfName] = QUALIFIED.exec(name)!;
    if (typeof program !== "string" || program === "") throw new PlanInputError(`${where}.program is ${JSON.stringify(program)}: give the project folder (holding Pulumi.yaml), relative to the set file.`);
    const resolved = path.resolve(dir, program);
    if (!fs.existsSync(resolved)) throw new PlanInputError(`${where}.program is "${program}": nothing at ${resolved}; give the project folder (holding Pulumi.yaml), relative to the set file.`);
    if (stack !== undefined && stack !== stackOfName) {
        throw new PlanInputError(`${where}.stack is ${JSON.stringify(stack)} but ${name} names stack "${stackOfName}": drop "stack" or make them agree.`);
    }
    return { name, program: resolved, stack: stackOfName, project, organization, destroy: destroy === true, ...(typeof state === "string" ? { state: path.resolve(dir, state) } : {}) };
}

const SKIPPED_FOLDERS = new Set(["node_modules", "bin", "build", "dist"]);
const MAX_DEPTH = 3;

/**
 * `--stacks <dir>`: every project below the folder (a Pulumi.yaml, up to three levels down), each
 * of its stack files a member named `<organization>/<project>/<stack>`.
 */
function readProjectDirectory(dir: string, options: DirectoryOptions): StackSet {
    const where = `--stacks ${dir}`;
    const organization = options.organization ?? DEFAULT_ORGANIZATION;
    const projects: string[] = [];
    const walk = (folder: string, depth: number) => {
        const entries = fs.readdirSync(folder, { withFileTypes: true });
        if (entries.some((e) => e.isFile() && /^Pulumi\.ya?ml$/.test(e.name))) projects.push(folder);
        if (depth === MAX_DEPTH) return;
        for (const e of entries) if (e.isDirectory() && !e.name.startsWith(".") && !SKIPPED_FOLDERS.has(e.name)) walk(path.join(folder, e.name), depth + 1);
    };
    walk(path.resolve(dir), 0);
    if (projects.length === 0) throw new PlanInputError(`${where}: no Pulumi.yaml in it or the ${MAX_DEPTH} levels below: give a folder of Pulumi projects, or a set file.`);
    const members: SetMember[] = [];
    const owner = new Map<string, string>();
    for (const projectDir of projects) {
        const { project, stackConfigDir } = locateProgram(projectDir);
        const previous = owner.get(project);
        if (previous) throw new PlanInputError(`${where}: ${previous} and ${projectDir} are both project "${project}": give each project its own name in Pulumi.yaml.`);
        owner.set(project, projectDir);
        const stacks = fs.existsSync(stackConfigDir)
            ? fs.readdirSync(stackConfigDir).flatMap((f) => /^Pulumi\.([A-Za-z0-9_.-]+)\.ya?ml$/.exec(f)?.[1] ?? []).filter((s) => options.stack === undefined || s === options.stack)
            : [];
        for (const stack of stacks) {
            members.push({ name: `${organization}/${project}/${stack}`, program: projectDir, stack, project, organization, destroy: false });
        }
    }
    if (members.length === 0) {
        const which = options.stack ? `a Pulumi.${options.stack}.yaml` : "a Pulumi.<stack>.yaml";
        throw new PlanInputError(`${where}: none of its ${projects.length} project(s) has ${which} stack file: add one per stack to plan, or pass --stack <name> of one they have.`);
    }
    return { file: path.resolve(dir), members };
}
