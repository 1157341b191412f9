import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { buildApp, buildKey, ensureAppBuilt } from "../../app/build";
import { freeLoopbackPort } from "./helpers/ports";
import { TestOrigin } from "./helpers/origin";

const run = promisify(execFile);

/*
 * Builds the real bundle and invokes its exported handler in a fresh Node process with
 * function URL (payload 2.0) events, the way the Lambda runtime would load index.handler.
 */
describe("app bundle", function () {
    this.timeout(30_000);
    let outDir: string;
    let origin: TestOrigin;

    before(async () => {
        outDir = (await buildApp()).directory;
        origin = await TestOrigin.start(0);
    });
    after(async () => origin?.stop());

    it("writes build/app/index.js with a source map and leaves the AWS SDK to the runtime", () => {
        assert.equal(outDir, path.resolve(__dirname, "..", "..", "build", "app"));
        const bundle = readFileSync(path.join(outDir, "index.js"), "utf8");
        assert.ok(statSync(path.join(outDir, "index.js.map")).size > 0);
        assert.ok(bundle.includes('require("@aws-sdk/client-secrets-manager")'), "the SDK must be required at run time");
        assert.ok(!bundle.includes('"GetSecretValue"'), "the SDK must not be bundled");
        assert.ok(bundle.length < 1_000_000, `bundle is ${bundle.length} bytes; is it minified?`);
    });

    it("ensureAppBuilt rebuilds only when the recorded build key differs, whatever the mtimes say", async () => {
        const bundle = path.join(outDir, "index.js");
        const keyFile = path.join(outDir, "..", "app.build-key");
        const past = new Date(Date.UTC(2001, 0, 1));
        // An old bundle with the right key is fresh: mtimes do not count.
        utimesSync(bundle, past, past);
        await ensureAppBuilt();
        assert.equal(statSync(bundle).mtimeMs, past.getTime(), "a bundle built from the same inputs must not be rebuilt");
        writeFileSync(keyFile, "stale");
        const bundled = await ensureAppBuilt();
        assert.ok(statSync(bundle).mtimeMs > past.getTime() + 1000, "a bundle built from other inputs must be rebuilt");
        assert.equal(readFileSync(keyFile, "utf8"), buildKey());
        assert.deepEqual(bundled, { directory: outDir, sourceMaps: true });
    });

    it("keys the build on the lockfile and every file under app/, not on mtimes", () => {
        const root = mkdtempSync(path.join(tmpdir(), "bulwark-build-key-"));
        try {
            const lockfile = path.join(root, "package-lock.json");
            const appDirectory = path.join(root, "app");
            mkdirSync(path.join(appDirectory, "nested"), { recursive: true });
            writeFileSync(lockfile, '{"packages":{"node_modules/ioredis":{"version":"6.0.0"}}}');
            writeFileSync(path.join(appDirectory, "handler.ts"), "export const a = 1;");
            writeFileSync(path.join(appDirectory, "nested", "util.ts"), "export const b = 2;");
            const first = buildKey(lockfile, appDirectory);
            assert.match(first, /^[0-9a-f]{64}$/);
            utimesSync(path.join(appDirectory, "handler.ts"), new Date(), new Date(Date.now() + 60_000));
            assert.equal(buildKey(lockfile, appDirectory), first, "touching a file changes nothing");
            writeFileSync(lockfile, '{"packages":{"node_modules/ioredis":{"version":"6.0.1"}}}');
            const bumped = buildKey(lockfile, appDirectory);
            assert.notEqual(bumped, first, "a dependency bump changes the key");
            writeFileSync(path.join(appDirectory, "nested", "util.ts"), "export const b = 3;");
            assert.notEqual(buildKey(lockfile, appDirectory), bumped, "a source edit in a subdirectory changes the key");
        } finally {
            rmSync(root, { recursive: true, force: true });
        }
    });

    it("exports handler that serves function URL events from the origin even with Redis unreachable", async () => {
        const script = `
            const { handler } = require(${JSON.stringify(path.join(outDir, "index.js"))});
            const event = (method, rawPath) => ({ version: "2.0", rawPath, requestContext: { http: { method } } });
            (async () => {
                const results = [];
                for (const [method, p] of [["GET", "/items/abc-1"], ["GET", "/items/bad.id"], ["GET", "/healthz"], ["DELETE", "/items/abc-1"], ["HEAD", "/healthz"], ["OPTIONS", "/items/abc-1"]]) {
                    results.push(await handler(event(method, p)));
                }
                process.stderr.write(JSON.stringify(results));
                process.exit(0);
            })();`;
        const { stdout, stderr } = await run(process.execPath, ["-e", script], {
            env: { PATH: process.env.PATH, UPSTREAM_URL: origin.url, REDIS_HOST: "127.0.0.1", REDIS_PORT: String(await freeLoopbackPort()), REDIS_TLS: "false", AWS_LAMBDA_FUNCTION_NAME: "bulwark-test-api" },
            timeout: 15_000,
        });
        const [item, badId, health, deleted, head, options] = JSON.parse(stderr);
        assert.equal(item.statusCode, 200);
        assert.deepEqual(JSON.parse(item.body), { id: "abc-1", version: 1 });
        assert.equal(badId.statusCode, 400);
        assert.equal(health.statusCode, 200);
        assert.equal(JSON.parse(health.body).redis.status, "down");
        assert.equal(deleted.statusCode, 405);
        assert.deepEqual([head.statusCode, head.body], [200, ""]);
        assert.deepEqual([options.statusCode, options.headers.allow], [204, "GET, HEAD, OPTIONS"]);
        const emf = stdout.trim().split("\n").map((line) => JSON.parse(line)).filter((d) => d._aws);
        assert.equal(emf.length, 1, `one EMF line for the one item request, got: ${stdout}`);
        assert.equal(emf[0].FunctionName, "bulwark-test-api");
        assert.equal(emf[0].CacheMiss, 1);
        assert.equal(emf[0].CacheBypass ?? emf[0].CacheError, 2);
    });
});
