import * as assert from "assert";
import { cidrContains, cidrOverlaps, cidrSize, isAnyAddress, isPrivateCidr, parseCidr } from "../../policy/lib/cidr";
import { isTypeWideResource, isUnscopedResource, parsePolicyDocument } from "../../policy/lib/iam";
import { expandAction } from "../../policy/lib/iamActions";
import { awsManagedPolicy } from "../../policy/lib/managedPolicies";
import { isInertValue, isSecretReference, literalCredentialKind, looksLikeSecretName } from "../../policy/lib/secrets";
import { asStringList, containsUnknown, get, raw, UNKNOWN } from "../../policy/lib/values";
import { unknownCheckingProxy } from "@pulumi/policy";

const SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

describe("policy/lib/values: reading props without tripping on unknowns", () => {
    const props = { a: { b: SENTINEL, list: ["x", SENTINEL], nothing: null }, tags: { team: "api" } };

    it("returns UNKNOWN for sentinels, undefined for unset or null, the value otherwise", () => {
        assert.strictEqual(get(props, "a", "b"), UNKNOWN);
        assert.strictEqual(get(props, "a", "b", "deeper"), UNKNOWN);
        assert.strictEqual(get(props, "a", "missing"), undefined);
        assert.strictEqual(get(props, "a", "nothing"), undefined);
        assert.strictEqual(get(props, "tags", "team"), "api");
        assert.strictEqual(asStringList(get(props, "a", "list")), UNKNOWN);
        assert.ok(containsUnknown(props));
    });

    it("reads through CrossGuard's unknown-checking proxy without throwing", () => {
        const proxied = (unknownCheckingProxy as (o: object) => any)(props);
        assert.throws(() => proxied.a.b, /can't be known during preview/);
        assert.strictEqual(get(proxied, "a", "b"), UNKNOWN);
        assert.strictEqual(raw(proxied), props);
    });
});

describe("policy/lib/iam", () => {
    it("normalises statements from JSON text or objects, single values or lists", () => {
        const parsed = parsePolicyDocument(JSON.stringify({ Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*", Principal: "*", Condition: { Bool: { "AWS:SecureTransport": true } } } }));
        assert.ok(parsed && parsed !== UNKNOWN && "statements" in parsed);
        const [statement] = parsed.statements;
        assert.deepStrictEqual([statement.actions, statement.resources, statement.principals?.anyone, statement.conditions], [["s3:GetObject"], ["arn:aws:s3:::b/*"], true, { Bool: { "aws:securetransport": ["true"] } }]);
    });

    it("leaves out statements with unknown parts and says how many", () => {
        const parsed = parsePolicyDocument({ Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: SENTINEL }, { Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::b" }] });
        assert.ok(parsed && parsed !== UNKNOWN && "statements" in parsed);
        assert.deepStrictEqual([parsed.statements.map((s) => s.index), parsed.unknownStatements], [[2], 1]);
        assert.strictEqual(parsePolicyDocument(SENTINEL), UNKNOWN);
    });

    it("tells unscoped and type-wide resources from scoped ones", () => {
        assert.deepStrictEqual(["*", "arn:aws:s3:::*", "arn:aws:s3:::*/*", "arn:aws:s3:::bucket/*"].map(isUnscopedResource), [true, true, true, false]);
        assert.deepStrictEqual(["arn:aws:iam::123456789012:role/*", "arn:aws:iam::123456789012:role/api-*", "arn:aws:dynamodb:*:*:table/*"].map(isTypeWideResource), [true, false, true]);
    });

    it("expands wildcards over the IAM action list, case-insensitively", async () => {
        const expansion = await expandAction("S3:getobject*");
        assert.ok(expansion.kind === "actions");
        assert.ok(expansion.actions.some((a) => a.action === "s3:GetObject"));
        assert.ok(expansion.actions.every((a) => /^s3:GetObject/.test(a.action)));
        assert.strictEqual(expansion.serviceWide, false);
        const all = await expandAction("s3:*");
        assert.ok(all.kind === "actions" && all.serviceWide);
    });

    it("finds AWS managed policy documents by ARN, path included", () => {
        const vpc = awsManagedPolicy("arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole");
        assert.ok(vpc?.found && JSON.stringify(vpc.document).includes("ec2:CreateNetworkInterface"));
        assert.deepStrictEqual(awsManagedPolicy("arn:aws:iam::aws:policy/AWSLambdaVPCAccessExecutionRole"), { found: false, name: "AWSLambdaVPCAccessExecutionRole" });
        assert.strictEqual(awsManagedPolicy("arn:aws:iam::123456789012:policy/mine"), undefined);
    });
});

describe("policy/lib/cidr", () => {
    it("parses IPv4 and IPv6 blocks and rejects malformed ones", () => {
        assert.strictEqual(parseCidr("10.0.1.7/24")?.first, parseCidr("10.0.1.0/24")?.first);
        assert.strictEqual(cidrSize("10.0.0.0/16"), 65536n);
        assert.strictEqual(cidrSize("2001:db8::/64"), 1n << 64n);
        for (const bad of ["10.0.0.0/33", "10.0.0/8", "256.0.0.0/8", "::1::/64", "10.0.0.0/8/1", "fe80::/x"]) assert.strictEqual(parseCidr(bad), undefined, bad);
    });

    it("answers containment, overlap, the whole internet and private space", () => {
        assert.ok(cidrContains("10.0.0.0/16", "10.0.3.0/24"));
        assert.ok(!cidrContains("10.0.3.0/24", "10.0.0.0/16"));
        assert.ok(cidrOverlaps("10.0.0.0/23", "10.0.1.0/24"));
        assert.ok(!cidrOverlaps("10.0.0.0/24", "10.0.1.0/24"));
        assert.ok(!cidrOverlaps("10.0.0.0/8", "::/0"));
        assert.deepStrictEqual(["0.0.0.0/0", "::/0", "10.0.0.0/8"].map(isAnyAddress), [true, true, false]);
        assert.deepStrictEqual(["10.1.0.0/16", "172.31.0.0/16", "192.168.1.0/24", "8.8.8.0/24", "fd00::/8", "2001:db8::/32"].map(isPrivateCidr), [true, true, true, false, true, false]);
    });
});

describe("policy/lib/secrets", () => {
    it("tells secret names from references and inert values", () => {
        assert.deepStrictEqual(["DB_PASSWORD", "API_KEY", "AUTH_TOKEN", "API_KEY_SECRET_ARN", "TOKEN_TTL_SECONDS", "PASSAGE", "MONKEY"].map(looksLikeSecretName), [true, true, true, false, false, false, false]);
        // Settings about an auth service are not its credentials.
        assert.deepStrictEqual(["AUTH_URL", "TOKEN_ENDPOINT", "AUTH_ISSUER", "AUTH_MODE", "SECRETS_PREFIX", "CLIENT_SECRET", "AUTH_PASSWORD"].map(looksLikeSecretName), [false, false, false, false, false, true, true]);
        assert.deepStrictEqual(["arn:aws:secretsmanager:eu-west-1:1:secret:x", "/bulwark/dev/key", "hunter2"].map(isSecretReference), [true, true, false]);
        assert.deepStrictEqual(["300", "true", "5s", "abc"].map(isInertValue), [true, true, true, false]);
    });

    it("recognises literal credentials whatever they are called", () => {
        assert.strictEqual(literalCredentialKind("AKIAIOSFODNN7EXAMPLE"), "an AWS access key id");
        assert.strictEqual(literalCredentialKind("postgres://app:s3cret@db:5432/app"), "a password inside a connection URL");
        assert.strictEqual(literalCredentialKind("https://api.example.com/v1"), undefined);
    });
});
