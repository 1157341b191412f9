import { ProgramRun } from "../../../tools/engine/run";
import { assertFails, assertNoNotes, assertPasses } from "../helpers";
import { recordedPlatform } from "../rules-support/platform";
import { evaluateOnly, Variant } from "../rules-support/variants";

const BYPASS = "cloudfront-disallow-origin-bypass";
const TIMEOUTS = "lambda-function-enforce-nested-timeouts";

describe(BYPASS, () => {
    let base: ProgramRun;
    let preview: ProgramRun;
    before(async () => {
        base = await recordedPlatform();
        preview = await recordedPlatform(true);
    });
    const check = (run: ProgramRun) => evaluateOnly(run, BYPASS);

    it("Compliance: IAM function URL signed by a lambda OAC; private bucket read through an s3 OAC", async () => {
        assertPasses(await check(base), BYPASS);
    });

    it("Noncompliance 1: the function URL needs no authorization", async () => {
        const v = new Variant(base).edit("api-url", (p) => (p.authorizationType = "NONE"));
        assertFails(await check(v.run), BYPASS, /^Set authorizationType of FunctionUrl "api-url" to "AWS_IAM": with NONE anyone can call it without going through distribution "cdn"\.$/);
    });

    it("Noncompliance 2: no origin access control of type lambda", async () => {
        const v = new Variant(base).remove("api-oac");
        assertFails(await check(v.run), BYPASS, /^Give the origin for FunctionUrl "api-url" an origin access control of type "lambda"/);
    });

    it("Noncompliance 3: no origin access control for the bucket", async () => {
        const v = new Variant(base).remove("static-oac");
        assertFails(await check(v.run), BYPASS, /^Give the origin for Bucket "static" an origin access control of type "s3"/);
    });

    it("Noncompliance 4: the origin bucket has no public access block", async () => {
        const v = new Variant(base).remove("static-block");
        assertFails(await check(v.run), BYPASS, /^Make Bucket "static" private so only distribution "cdn" reads it: it has no public access block\.$/);
    });

    it("preview: passes with no note; a NONE function URL is still proved through propertyDependencies", async () => {
        assertPasses(await check(preview), BYPASS);
        assertNoNotes(await check(preview));
        assertFails(await check(new Variant(preview).edit("api-url", (p) => (p.authorizationType = "NONE")).run), BYPASS, /authorizationType/);
    });
});

describe(TIMEOUTS, () => {
    let base: ProgramRun;
    let preview: ProgramRun;
    before(async () => {
        base = await recordedPlatform();
        preview = await recordedPlatform(true);
    });
    const check = (run: ProgramRun) => evaluateOnly(run, TIMEOUTS);

    it("Compliance: Redis 500 ms < Lambda 10 s < origin read timeout 30 s", async () => {
        assertPasses(await check(base), TIMEOUTS);
    });

    it("Noncompliance 1: the Redis command timeout is not below the function's timeout", async () => {
        const v = new Variant(base).edit("api", (p) => (p.environment.variables.REDIS_COMMAND_TIMEOUT_MS = "10000"));
        assertFails(await check(v.run), TIMEOUTS, /^Lower REDIS_COMMAND_TIMEOUT_MS \(10000 ms\) below the timeout of function "api" \(10000 ms\), or raise the timeout\.$/);
    });

    it("Noncompliance 2: the function's timeout is not below CloudFront's origin read timeout", async () => {
        const v = new Variant(base).edit("api", (p) => (p.timeout = 30));
        assertFails(await check(v.run), TIMEOUTS, /^Lower the timeout of function "api" \(30 s\) below the origin read timeout of distribution "cdn" \(30 s\), or raise originReadTimeout\.$/);
    });

    it("Noncompliance 3: an unset timeout is AWS's 3 s, and the unset origin read timeout CloudFront's 30 s", async () => {
        const v = new Variant(base).edit("api", (p) => {
            delete p.timeout;
            p.environment.variables.REDIS_COMMAND_TIMEOUT_MS = "3000";
        });
        assertFails(await check(v.run), TIMEOUTS, /\(3000 ms\) below the timeout of function "api" \(3000 ms\)/);
    });

    it("preview: the origin's host is unknown but it is the distribution's only custom origin, so the nesting is still checked", async () => {
        assertPasses(await check(preview), TIMEOUTS);
        assertNoNotes(await check(preview));
        assertFails(await check(new Variant(preview).edit("api", (p) => (p.timeout = 45)).run), TIMEOUTS, /\(45 s\) below the origin read timeout/);
    });
});
