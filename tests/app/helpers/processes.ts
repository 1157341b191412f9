import { ChildProcess } from "node:child_process";

/*
 * Every child a test helper starts is registered here and killed when the test process
 * exits, even after a failed assertion or an uncaught error, so no redis-server outlives
 * the suite.
 */
const children = new Set<ChildProcess>();

process.on("exit", () => {
    for (const child of children) {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
});

export function track(child: ChildProcess): ChildProcess {
    children.add(child);
    child.once("exit", () => children.delete(child));
    return child;
}
