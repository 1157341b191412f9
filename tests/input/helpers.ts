import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const STATE_FIXTURES = path.resolve(__dirname, "..", "fixtures", "state");
export const PYTHON_EXPORT = path.join(STATE_FIXTURES, "python-export.json");
export const GO_EXPORT = path.join(STATE_FIXTURES, "go-export.json");
export const YAML_PREVIEW = path.join(STATE_FIXTURES, "yaml-preview.json");

/** A fresh parse of a fixture, to change one thing in. */
export function fixture(file: string): any {
    return JSON.parse(fs.readFileSync(file, "utf8"));
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "input-"));
let count = 0;

/** Writes a document (or raw text) to a temporary file and returns its path. */
export function tempFile(content: unknown, name = `input-${++count}.json`): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
    return file;
}

/** Every `ciphertext` value in a document: none of them may appear in a report. */
export function ciphertexts(document: unknown): string[] {
    const found: string[] = [];
    const walk = (value: unknown) => {
        if (Array.isArray(value)) value.forEach(walk);
        else if (typeof value === "object" && value !== null) {
            for (const [key, inner] of Object.entries(value)) {
                if (key === "ciphertext" && typeof inner === "string") found.push(inner);
                else walk(inner);
            }
        }
    };
    walk(document);
    return found;
}
