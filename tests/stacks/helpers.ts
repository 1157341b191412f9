import * as assert from "assert";
import { ConfigError } from "../../stacks/errors";
import { resolveSettings, Settings, SettingsInput } from "../../stacks/settings";

export type Values = Record<string, unknown>;

export function resolve(values: Values, stack = "dev", extra: Partial<SettingsInput> = {}): Settings {
    return resolveSettings({ stack, region: "us-east-1", values, ...extra });
}

/** Runs `run`, which must throw a ConfigError, and returns it. */
export function configErrorOf(run: () => unknown): ConfigError {
    try {
        run();
    } catch (error) {
        assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
        return error;
    }
    assert.fail("expected a ConfigError, but nothing was thrown");
}

/** `a.b[2].c` -> ["a", "b", 2, "c"] */
function pathParts(path: string): (string | number)[] {
    const parts: (string | number)[] = [];
    for (const piece of path.split(".")) {
        const match = /^([^[]+)((\[\d+\])*)$/.exec(piece);
        assert.ok(match, `cannot parse path piece ${piece}`);
        parts.push(match[1]);
        for (const index of match[2].matchAll(/\[(\d+)\]/g)) {
            parts.push(Number(index[1]));
        }
    }
    return parts;
}

function unquote(word: string): string {
    return word.startsWith("'") && word.endsWith("'") ? word.slice(1, -1).replace(/'\\''/g, "'") : word;
}

/**
 * Applies the `pulumi config set/rm` commands of a ConfigError's fix to raw values, the way the
 * Pulumi CLI would change the stack file, so tests can check that the suggested fix works.
 */
export function applyFix(values: Values, fix: string): Values {
    const result = structuredClone(values);
    for (const command of fix.split(" && ")) {
        const words = command.trim().split(/ (?=(?:[^']*'[^']*')*[^']*$)/).map(unquote);
        assert.deepStrictEqual(words.slice(0, 2), ["pulumi", "config"], `not a pulumi config command: ${command}`);
        const verb = words[2];
        const rest = words.slice(3).filter((word) => word !== "--path");
        const [fullKey, value] = rest;
        assert.ok(fullKey.startsWith("bulwark:"), `fix touches a non-bulwark key: ${fullKey}`);
        const parts = pathParts(fullKey.slice("bulwark:".length));
        let node: Record<string | number, unknown> = result;
        for (const [i, part] of parts.slice(0, -1).entries()) {
            const nextIsIndex = typeof parts[i + 1] === "number";
            if (typeof node[part] !== "object" || node[part] === null) {
                node[part] = nextIsIndex ? [] : {};
            }
            node = node[part] as Record<string | number, unknown>;
        }
        const last = parts[parts.length - 1];
        if (verb === "rm" && Array.isArray(node) && typeof last === "number") {
            node.splice(last, 1);
        } else if (verb === "rm") {
            delete node[last];
        } else {
            assert.strictEqual(verb, "set");
            node[last] = value;
        }
    }
    return result;
}
