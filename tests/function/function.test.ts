import * as assert from "assert";
import { Function, FunctionArgs } from "../../components/function";
import { parseConfig } from "../../app/config";
import { isSecret, record, Recording, UNKNOWN, unwrap } from "../helpers/offline";
import {
    ACCOUNT, CACHE_HOST, CACHE_SG, DATA_KEY_ARN, ENDPOINT_SG, LOGS_KEY_ARN, REGION, SECRET_ARN, SUBNET_IDS, VPC_ID, functionArgs,
} from "./fixture";

const COMPONENT = "bulwark:compute:Function";
const LAMBDA = "aws:lambda/function:Function";
const ALIAS = "aws:lambda/alias:Alias";
const URL_TYPE = "aws:lambda/functionUrl:FunctionUrl";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const FUNCTION_NAME = "bulwark-dev-api";

function build(overrides: Partial<FunctionArgs> = {}, options: { preview?: boolean } = {}): Promise<Recording> {
    return record(() => new Function("api", functionArgs(overrides)), options);
}

describe("Function component: children", () => {
    it("creates exactly its children, each named after the component and parented to it", async () => {
        const rec = await build();
        const component = rec.one(COMPONENT);
        rec.assertChildren(component.urn, {
            [LOG_GROUP]: 1,
            [SG]: 1,
            [EGRESS]: 2,
            [ROLE]: 1,
            [ROLE_POLICY]: 1,
            [LAMBDA]: 1,
            [ALIAS]: 1,
            [URL_TYPE]: 1,
        });
        const custom = rec.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
        assert.deepStrictEqual(custom.filter((r) => r.parent !== component.urn).map((r) => r.name), []);
        for (const child of rec.childrenOf(component.urn)) {
            assert.ok(child.name.startsWith("api-"), `${child.type} ${child.name} must start with "api-"`);
        }
    });

    it("exposes the outputs the CDN and the cache need", async () => {
        const rec = await build();
        const outputs = unwrap(rec.one(COMPONENT).outputs);
        const fn = rec.one(LAMBDA);
        assert.strictEqual(outputs.functionName, FUNCTION_NAME);
        assert.strictEqual(outputs.functionArn, `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${FUNCTION_NAME}`);
        assert.strictEqual(outputs.functionVersion, unwrap(fn.outputs).version);
        assert.strictEqual(outputs.aliasName, "live");
        assert.strictEqual(outputs.aliasArn, `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${FUNCTION_NAME}:live`);
        assert.strictEqual(outputs.functionUrl, unwrap(rec.one(URL_TYPE).outputs).functionUrl);
        assert.match(outputs.functionUrl, /^https:\/\/[0-9a-f]{32}\.lambda-url\.us-east-1\.on\.aws\/$/);
        assert.strictEqual(outputs.securityGroupId, rec.one(SG).id);
        assert.strictEqual(outputs.roleArn, unwrap(rec.one(ROLE).outputs).arn);
        assert.strictEqual(outputs.logGroupName, `/aws/lambda/${FUNCTION_NAME}`);
    });
});

describe("Function component: the Lambda function", () => {
    it("runs arm64 Node.js 22 in the private subnets with its own security group, X-Ray active and versions published", async () => {
        const rec = await build({ memoryMb: 1024, timeoutSeconds: 15, reservedConcurrency: 50 });
        const fn = rec.inputs(LAMBDA);
        assert.strictEqual(fn.name, FUNCTION_NAME);
        assert.deepStrictEqual(fn.architectures, ["arm64"]);
        assert.strictEqual(fn.runtime, "nodejs22.x");
        assert.strictEqual(fn.handler, "index.handler");
        assert.strictEqual(fn.memorySize, 1024);
        assert.strictEqual(fn.timeout, 15);
        assert.strictEqual(fn.reservedConcurrentExecutions, 50);
        assert.strictEqual(fn.publish, true);
        assert.deepStrictEqual(fn.tracingConfig, { mode: "Active" });
        assert.deepStrictEqual(fn.vpcConfig.subnetIds, SUBNET_IDS);
        assert.deepStrictEqual(fn.vpcConfig.securityGroupIds, [rec.one(SG).id]);
        assert.strictEqual(fn.role, unwrap(rec.one(ROLE).outputs).arn);
        assert.strictEqual(fn.kmsKeyArn, DATA_KEY_ARN);
    });

    it("leaves reserved concurrency unset unless asked, so the function uses the shared pool", async () => {
        const fn = (await build()).inputs(LAMBDA);
        assert.strictEqual(fn.reservedConcurrentExecutions, undefined);
    });

    it("logs to a KMS-encrypted group named after the function, created before it", async () => {
        const rec = await build({ logRetentionDays: 90, protect: true });
        const logGroup = rec.one(LOG_GROUP);
        const fn = rec.one(LAMBDA);
        const inputs = unwrap(logGroup.inputs);
        assert.strictEqual(inputs.name, `/aws/lambda/${unwrap(fn.inputs).name}`);
        assert.strictEqual(inputs.retentionInDays, 90);
        assert.strictEqual(inputs.kmsKeyId, LOGS_KEY_ARN);
        assert.strictEqual(logGroup.options.protect, true);
        assert.deepStrictEqual(unwrap(fn.inputs).loggingConfig, { logFormat: "Text", logGroup: inputs.name });
        assert.ok(fn.options.dependsOn.includes(logGroup.urn), "the function must depend on its log group");
        assert.ok(fn.options.dependsOn.includes(rec.one(ROLE_POLICY).urn), "the function must wait for its ENI permissions");
    });

    it("leaves the log group unprotected by default", async () => {
        assert.strictEqual((await build()).one(LOG_GROUP).options.protect, false);
    });

    it("passes only non-secret settings, under the names the app reads, and the app accepts them", async () => {
        const rec = await build({ upstreamTimeoutMs: 2500, redisTimeoutMs: 80, cacheTtlSeconds: 600 });
        const raw = rec.one(LAMBDA).inputs as any;
        const rawVariables: Record<string, unknown> = raw.environment.variables;
        assert.deepStrictEqual(Object.entries(rawVariables).filter(([, v]) => isSecret(v)), []);
        const variables = unwrap<Record<string, string>>(rawVariables);
        assert.deepStrictEqual(variables, {
            UPSTREAM_URL: "https://jsonplaceholder.typicode.com",
            ORIGIN_TIMEOUT_MS: "2500",
            REDIS_HOST: CACHE_HOST,
            REDIS_PORT: "6379",
            REDIS_TLS: "true",
            REDIS_AUTH_SECRET_ARN: SECRET_ARN,
            REDIS_COMMAND_TIMEOUT_MS: "80",
            CACHE_TTL_SECONDS: "600",
        });
        const config = parseConfig({ ...variables, AWS_LAMBDA_FUNCTION_NAME: FUNCTION_NAME });
        assert.strictEqual(config.redis.host, CACHE_HOST);
        assert.strictEqual(config.redis.port, 6379);
        assert.strictEqual(config.redis.tls, true);
        assert.strictEqual(config.redis.authSecretArn, SECRET_ARN);
        assert.strictEqual(config.redis.commandTimeoutMs, 80);
        assert.strictEqual(config.originTimeoutMs, 2500);
        assert.strictEqual(config.cache.ttlSeconds, 600);
    });

    it("starts Node with --enable-source-maps exactly when the package ships source maps", async () => {
        const variablesOf = async (overrides: Partial<FunctionArgs>) => unwrap<Record<string, string>>(((await build(overrides)).one(LAMBDA).inputs as any).environment.variables);
        assert.strictEqual((await variablesOf({ sourceMaps: true })).NODE_OPTIONS, "--enable-source-maps");
        assert.strictEqual("NODE_OPTIONS" in (await variablesOf({})), false, "no flag without maps: source-mapped traces cost time on every error");
    });
});

describe("Function component: network", () => {
    function egressRules(rec: Recording) {
        return rec.ofType(EGRESS).map((r) => ({ name: r.name, ...unwrap(r.inputs) }));
    }

    it("has a security group without inline rules and no ingress at all", async () => {
        const rec = await build();
        const sg = rec.inputs(SG);
        assert.strictEqual(sg.vpcId, VPC_ID);
        assert.strictEqual(sg.ingress, undefined);
        assert.strictEqual(sg.egress, undefined);
        assert.deepStrictEqual(rec.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"), []);
        assert.deepStrictEqual(rec.ofType("aws:ec2/securityGroupRule:SecurityGroupRule"), []);
    });

    it("through a NAT: egress to the cache's port on the cache's group and 443 anywhere, nothing else", async () => {
        const rec = await build({ cache: { ...functionArgs().cache, port: 6380 }, egressSecurityGroupIds: [ENDPOINT_SG] });
        const sgId = rec.one(SG).id;
        assert.deepStrictEqual(
            egressRules(rec).map(({ name, securityGroupId, ipProtocol, fromPort, toPort, referencedSecurityGroupId, cidrIpv4, cidrIpv6, prefixListId }) => ({
                name, securityGroupId, ipProtocol, fromPort, toPort, referencedSecurityGroupId, cidrIpv4, cidrIpv6, prefixListId,
            })),
            [
                { name: "api-to-cache", securityGroupId: sgId, ipProtocol: "tcp", fromPort: 6380, toPort: 6380, referencedSecurityGroupId: CACHE_SG, cidrIpv4: undefined, cidrIpv6: undefined, prefixListId: undefined },
                { name: "api-https", securityGroupId: sgId, ipProtocol: "tcp", fromPort: 443, toPort: 443, referencedSecurityGroupId: undefined, cidrIpv4: "0.0.0.0/0", cidrIpv6: undefined, prefixListId: undefined },
            ],
        );
    });

    it("through endpoints: 443 only to the endpoint groups, never to a CIDR", async () => {
        const second = "sg-0f0f0f0f0f0f0f0f0";
        const rec = await build({ httpsEgress: "endpoints", egressSecurityGroupIds: [ENDPOINT_SG, second] });
        const rules = egressRules(rec);
        assert.deepStrictEqual(rules.map((r) => [r.name, r.fromPort, r.toPort, r.referencedSecurityGroupId]), [
            ["api-to-cache", 6379, 6379, CACHE_SG],
            ["api-https-endpoints-0", 443, 443, ENDPOINT_SG],
            ["api-https-endpoints-1", 443, 443, second],
        ]);
        assert.deepStrictEqual(rules.filter((r) => r.cidrIpv4 !== undefined || r.cidrIpv6 !== undefined), []);
    });
});

describe("Function component: IAM", () => {
    it("trusts only Lambda acting for this account", async () => {
        const role = (await build()).inputs(ROLE);
        assert.deepStrictEqual(JSON.parse(role.assumeRolePolicy), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "LambdaOfThisAccount",
                    Effect: "Allow",
                    Action: "sts:AssumeRole",
                    Principal: { Service: "lambda.amazonaws.com" },
                    Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
                },
            ],
        });
        assert.strictEqual(role.managedPolicyArns, undefined);
    });

    it("grants exactly what the function uses, on this stack's ARNs wherever AWS allows", async () => {
        const rec = await build();
        const policy = rec.inputs(ROLE_POLICY);
        assert.strictEqual(policy.role, rec.one(ROLE).id);
        const sgArn = unwrap(rec.one(SG).outputs).arn;
        assert.match(sgArn, /^arn:aws:ec2:us-east-1:123456789012:security-group\/sg-/);
        const ec2 = `arn:aws:ec2:${REGION}:${ACCOUNT}`;
        assert.deepStrictEqual(JSON.parse(policy.policy), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "WriteOwnLog",
                    Effect: "Allow",
                    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                    Resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/${FUNCTION_NAME}:*`,
                },
                {
                    Sid: "DescribeNetworkInterfaces",
                    Effect: "Allow",
                    Action: ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"],
                    Resource: "*",
                },
                {
                    Sid: "CreateNetworkInterfaceInOwnSubnets",
                    Effect: "Allow",
                    Action: "ec2:CreateNetworkInterface",
                    Resource: [`${ec2}:network-interface/*`, `${ec2}:subnet/${SUBNET_IDS[0]}`, `${ec2}:subnet/${SUBNET_IDS[1]}`, sgArn],
                },
                {
                    Sid: "DeleteNetworkInterfaces",
                    Effect: "Allow",
                    Action: "ec2:DeleteNetworkInterface",
                    Resource: `${ec2}:*/*`,
                },
                {
                    Sid: "ManagePrivateIpsInOwnVpc",
                    Effect: "Allow",
                    Action: ["ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"],
                    Resource: `${ec2}:network-interface/*`,
                    Condition: { ArnEquals: { "ec2:Vpc": `${ec2}:vpc/${VPC_ID}` } },
                },
                {
                    Sid: "WriteTraces",
                    Effect: "Allow",
                    Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
                    Resource: "*",
                },
                {
                    Sid: "ReadCacheAuthSecret",
                    Effect: "Allow",
                    Action: "secretsmanager:GetSecretValue",
                    Resource: SECRET_ARN,
                },
                {
                    Sid: "DecryptCacheAuthSecret",
                    Effect: "Allow",
                    Action: "kms:Decrypt",
                    Resource: DATA_KEY_ARN,
                    Condition: {
                        StringEquals: {
                            "kms:ViaService": `secretsmanager.${REGION}.amazonaws.com`,
                            "kms:EncryptionContext:SecretARN": SECRET_ARN,
                        },
                    },
                },
            ],
        });
        assert.deepStrictEqual(rec.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment"), []);
        assert.deepStrictEqual(rec.ofType("aws:iam/policy:Policy"), []);
    });

    it("decrypts the secret with the cache's own key when it has one", async () => {
        const secretKey = `arn:aws:kms:${REGION}:${ACCOUNT}:key/99999999-8888-4777-a666-555555555555`;
        const rec = await build({ cache: { ...functionArgs().cache, authSecretKeyArn: secretKey } });
        const statements = JSON.parse(rec.inputs(ROLE_POLICY).policy).Statement;
        const decrypt = statements.find((s: any) => s.Sid === "DecryptCacheAuthSecret");
        assert.strictEqual(decrypt.Resource, secretKey);
        assert.ok(!JSON.stringify(statements).includes(DATA_KEY_ARN), "the environment key needs no statement: Lambda uses a grant");
    });

    it("names the region it runs in, in every regional ARN", async () => {
        const rec = await record(() => new Function("api", functionArgs()), { region: "eu-west-1" });
        const statements = JSON.parse(rec.inputs(ROLE_POLICY).policy).Statement;
        const decrypt = statements.find((s: any) => s.Sid === "DecryptCacheAuthSecret");
        assert.strictEqual(decrypt.Condition.StringEquals["kms:ViaService"], "secretsmanager.eu-west-1.amazonaws.com");
        const create = statements.find((s: any) => s.Sid === "CreateNetworkInterfaceInOwnSubnets");
        assert.ok(create.Resource.every((arn: string) => arn.startsWith(`arn:aws:ec2:eu-west-1:${ACCOUNT}:`)), create.Resource.join(", "));
    });
});

describe("Function component: live alias and function URL", () => {
    it("without a stable version, the live alias sends everything to the newest version", async () => {
        const rec = await build();
        const alias = rec.inputs(ALIAS);
        assert.strictEqual(alias.name, "live");
        assert.strictEqual(alias.functionName, FUNCTION_NAME);
        assert.strictEqual(alias.functionVersion, unwrap(rec.one(LAMBDA).outputs).version);
        assert.strictEqual(alias.routingConfig, undefined);
    });

    it("with a canary, the stable version keeps the traffic and the newest gets canaryPercent", async () => {
        const rec = await build({ stableVersion: "3", canaryPercent: 10 });
        const newest = unwrap(rec.one(LAMBDA).outputs).version;
        const alias = rec.inputs(ALIAS);
        assert.strictEqual(alias.functionVersion, "3");
        assert.deepStrictEqual(alias.routingConfig, { additionalVersionWeights: { [newest]: 0.1 } });
    });

    it("rolls back by configuration: stable version with canaryPercent 0 takes all traffic", async () => {
        const alias = (await build({ stableVersion: "3", canaryPercent: 0 })).inputs(ALIAS);
        assert.strictEqual(alias.functionVersion, "3");
        assert.strictEqual(alias.routingConfig, undefined);
    });

    it("sets no weight when no newer version was published than the stable one", async () => {
        const rec = await build({ stableVersion: "1", canaryPercent: 25 });
        assert.strictEqual(unwrap(rec.one(LAMBDA).outputs).version, "1");
        const alias = rec.inputs(ALIAS);
        assert.strictEqual(alias.functionVersion, "1");
        assert.strictEqual(alias.routingConfig, undefined);
    });

    it("in preview, the alias target waits for the published version", async () => {
        const alias = (await build({}, { preview: true })).inputs(ALIAS);
        assert.strictEqual(alias.name, "live");
        assert.strictEqual(alias.functionVersion, UNKNOWN);
    });

    it("puts an IAM-authenticated function URL on the live alias", async () => {
        const url = (await build()).inputs(URL_TYPE);
        assert.deepStrictEqual(url, { functionName: FUNCTION_NAME, qualifier: "live", authorizationType: "AWS_IAM", invokeMode: "BUFFERED" });
    });
});
