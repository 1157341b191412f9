import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../tools/plan-cli";

export interface PlanCliResult {
    code: number;
    /** The report, written with `--out` so standard output stays the test runner's. */
    out: string;
    /** What the command wrote to standard error. */
    err: string;
}

/** Runs `npm run plan -- <args>` in-process with its report written to a file and stderr captured. */
export async function runPlanCli(args: string[]): Promise<PlanCliResult> {
    const outFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-")), "out");
    let err = "";
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string | Uint8Array) => {
        err += chunk.toString();
        return true;
    }) as typeof process.stderr.write;
    try {
        const code = await main([...args, "--out", outFile]);
        return { code, out: fs.existsSync(outFile) ? fs.readFileSync(outFile, "utf8") : "", err };
    } finally {
        process.stderr.write = write;
    }
}
