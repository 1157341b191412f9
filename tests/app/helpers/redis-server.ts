import { ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freeLoopbackPort } from "./ports";
import { track } from "./processes";
import { TestCertificates } from "./tls";

export interface RedisServerOptions {
    password?: string;
    /** When given, Redis listens only on a TLS port (plaintext port 0). */
    tls?: TestCertificates;
}

/** Fails with an actionable message instead of an ENOENT deep inside a test. */
export function assertRedisServerInstalled(): void {
    const probe = spawnSync("redis-server", ["--version"], { encoding: "utf8" });
    if (probe.error || probe.status !== 0) {
        throw new Error(
            "redis-server is not installed or not on PATH: the app integration tests and bench need a real Redis. " +
                "Install it with `apt-get install redis-server` (Debian) and run again.",
        );
    }
}

/**
 * A real redis-server on a free 127.0.0.1 port, started by the test, that can be killed,
 * paused (SIGSTOP), resumed and restarted on the same port to simulate cache outages.
 */
export class RedisServer {
    private process: ChildProcess | undefined;
    private readonly dataDir = mkdtempSync(path.join(tmpdir(), "bulwark-redis-"));

    private constructor(
        readonly port: number,
        private readonly options: RedisServerOptions,
    ) {}

    static async start(options: RedisServerOptions = {}): Promise<RedisServer> {
        assertRedisServerInstalled();
        const server = new RedisServer(await freeLoopbackPort(), options);
        await server.restart();
        return server;
    }

    get pid(): number | undefined {
        return this.process?.pid;
    }

    /** Starts (again) on the same port and resolves once Redis accepts connections. */
    async restart(): Promise<void> {
        if (this.process && this.process.exitCode === null && this.process.signalCode === null) {
            throw new Error("redis-server is still running; kill it before restarting");
        }
        const { tls, password } = this.options;
        const args = ["--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.dataDir, "--loglevel", "notice"];
        if (tls) {
            args.push("--port", "0", "--tls-port", String(this.port), "--tls-cert-file", tls.certFile,
                "--tls-key-file", tls.keyFile, "--tls-ca-cert-file", tls.caFile, "--tls-auth-clients", "no");
        } else {
            args.push("--port", String(this.port));
        }
        if (password) args.push("--requirepass", password);
        const child = track(spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] }));
        this.process = child;
        await new Promise<void>((resolve, reject) => {
            let output = "";
            const timer = setTimeout(() => fail(new Error(`redis-server did not become ready within 5 s:\n${output}`)), 5000);
            const onData = (chunk: Buffer) => {
                output += chunk.toString();
                if (output.includes("Ready to accept connections")) finish();
            };
            const onExit = (code: number | null) => fail(new Error(`redis-server exited with ${code} before it was ready:\n${output}`));
            const cleanup = () => {
                clearTimeout(timer);
                child.stdout?.off("data", onData);
                child.off("exit", onExit);
            };
            const finish = () => {
                cleanup();
                resolve();
            };
            const fail = (error: Error) => {
                cleanup();
                child.kill("SIGKILL");
                reject(error);
            };
            child.stdout?.on("data", onData);
            child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
            child.once("exit", onExit);
        });
        // Keep draining output so a chatty server never blocks on a full pipe.
        child.stdout?.resume();
        child.stderr?.resume();
    }

    /** Kills the server abruptly, as a crashed node or a failover would. */
    async kill(): Promise<void> {
        const child = this.process;
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGKILL");
        await exited;
    }

    /** Freezes the server: connections stay open but nothing answers. */
    pause(): void {
        this.process?.kill("SIGSTOP");
    }

    resume(): void {
        this.process?.kill("SIGCONT");
    }

    async stop(): Promise<void> {
        await this.kill();
        rmSync(this.dataDir, { recursive: true, force: true });
    }
}
