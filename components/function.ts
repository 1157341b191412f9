import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { argError } from "../stacks/errors";
import { LOG_RETENTION_DAYS, LogRetentionDays } from "../stacks/types";

/** The alias CloudFront calls; deploys move it, never the URL. */
export const LIVE_ALIAS_NAME = "live";

/** The Node.js runtime; matches the `node22` target of app/build.ts. */
export const FUNCTION_RUNTIME = "nodejs22.x";

/** The bundle app/build.ts writes is `index.js` exporting `handler`. */
export const FUNCTION_HANDLER = "index.handler";

/** Lambda's own limit on function names. */
const MAX_FUNCTION_NAME_LENGTH = 64;

/** How the function's HTTPS traffic (upstream API, AWS APIs) leaves the VPC. */
export const HTTPS_EGRESS_MODES = ["nat", "endpoints"] as const;
export type HttpsEgress = (typeof HTTPS_EGRESS_MODES)[number];

/** The cache the function talks to; every field comes from the `Cache` component's outputs. */
export interface FunctionCacheArgs {
    /** Primary endpoint address. @example cache.endpoint */
    endpoint: pulumi.Input<string>;
    /** Port the cache listens on; the only port the function may open to the cache. @example cache.port */
    port: pulumi.Input<number>;
    /** The cache's security group, the only destination of the cache egress rule. @example cache.securityGroupId */
    securityGroupId: pulumi.Input<string>;
    /** Secrets Manager ARN of the AUTH token; the function gets the ARN, never the token. @example cache.authSecretArn */
    authSecretArn: pulumi.Input<string>;
    /**
     * The KMS key that encrypts the AUTH secret; the role may decrypt with it only through Secrets
     * Manager and only for that secret.
     * @default the function's `envKeyArn` (Bulwark's data key encrypts both)
     * @example baseline.dataKeyArn
     */
    authSecretKeyArn?: pulumi.Input<string>;
}

export interface FunctionArgs {
    /** The VPC of `subnetIds`. @example network.vpcId */
    vpcId: pulumi.Input<string>;
    /** Private subnets (with egress) for the function's network interfaces, 1 to 16. @example network.privateSubnetIds */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * How HTTPS leaves the VPC. `nat`: port 443 to 0.0.0.0/0 (the private subnets route through a NAT);
     * `endpoints`: port 443 only to `egressSecurityGroupIds` (interface endpoints, no internet at all).
     * @default "nat"
     * @example network.egress.strategy === "none" ? "endpoints" : "nat"
     */
    httpsEgress?: HttpsEgress;
    /**
     * Security groups of the interface endpoints, the only HTTPS destinations with `httpsEgress: "endpoints"`.
     * Unused with `nat`, whose 0.0.0.0/0 rule already covers them.
     * @default []
     * @example [network.endpointSecurityGroupId]
     */
    egressSecurityGroupIds?: pulumi.Input<string>[];
    /** The deployment package: a directory with `index.js` exporting `handler`. @example new pulumi.asset.FileArchive(bundle.directory) */
    code: pulumi.asset.Archive;
    /**
     * The package ships source maps: the function then runs with NODE_OPTIONS=--enable-source-maps, so
     * stack traces in the log name the TypeScript sources (without the flag Node ignores the .map files,
     * and shipping them would only grow the archive).
     * @default false
     * @example bundle.sourceMaps
     */
    sourceMaps?: boolean;
    /**
     * Memory in MB, 128 to 10240 (CPU scales with it). 512 or more is recommended: below 256 the
     * function with its Redis client has run out of memory.
     * @default 512
     * @example 1024
     */
    memoryMb?: number;
    /**
     * Timeout in seconds, 1 to 900, and below `originReadTimeoutSeconds` so CloudFront never gives up
     * on a request the function is still answering.
     * @default 10
     * @example 15
     */
    timeoutSeconds?: number;
    /** CloudFront's origin read timeout for the function URL, 1 to 180 seconds. @default 30 @example settings.cdn.originReadTimeoutSeconds */
    originReadTimeoutSeconds?: number;
    /** Reserved concurrency (a cost and blast-radius cap), or unset for the account's shared pool. @default unset @example 50 */
    reservedConcurrency?: number;
    /**
     * Percent of the live alias's traffic (0 to 50) sent to the newly published version while
     * `stableVersion` keeps the rest. Needs `stableVersion` when above 0.
     * @default 0
     * @example 10
     */
    canaryPercent?: number;
    /**
     * The published version that serves traffic while a new one is tried (`canaryPercent` > 0), or
     * the version to roll back to (`canaryPercent` 0). Unset: the live alias points at the newest version.
     * @default unset
     * @example "7"
     */
    stableVersion?: string;
    /** The http(s) origin the API caches, without credentials, query or fragment. @example "https://api.example.com" */
    upstreamUrl: string;
    /** Milliseconds the function waits for the upstream, below the timeout. @default 3000 @example 2000 */
    upstreamTimeoutMs?: number;
    /** Seconds an upstream response stays in the cache, 1 to 2592000. @default 300 @example 600 */
    cacheTtlSeconds?: number;
    /** Milliseconds to wait for a cache command before going to the upstream, below the timeout. @default 50 @example 100 */
    redisTimeoutMs?: number;
    /** The cache, its security group and AUTH secret. @example { endpoint: cache.endpoint, port: cache.port, ... } */
    cache: FunctionCacheArgs;
    /** Days CloudWatch Logs keeps the function's log. @default 14 @example 90 */
    logRetentionDays?: LogRetentionDays;
    /** KMS key for the log group (its key policy must let CloudWatch Logs use it). @example baseline.logsKeyArn */
    logsKeyArn: pulumi.Input<string>;
    /** KMS key that encrypts the environment variables at rest. @example baseline.dataKeyArn */
    envKeyArn: pulumi.Input<string>;
    /** Protect the log group from `pulumi destroy` (it holds the audit trail of requests). @default false @example true */
    protect?: boolean;
}

/** FunctionArgs with every default applied. */
export type NormalizedFunctionArgs = Required<Omit<FunctionArgs, "reservedConcurrency" | "stableVersion">> &
    Pick<FunctionArgs, "reservedConcurrency" | "stableVersion">;

/** Where the function is deployed; only its name depends on it. */
export interface FunctionScope {
    project: string;
    stack: string;
}

/** The Lambda function's name, `<project>-<stack>-<name>` with characters Lambda rejects replaced by "-". */
export function functionNameFor(scope: FunctionScope, name: string): string {
    return `${scope.project}-${scope.stack}-${name}`.replace(/[^A-Za-z0-9_-]/g, "-");
}

/** Applies the documented defaults in one place. */
export function normalizeFunctionArgs(args: FunctionArgs): NormalizedFunctionArgs {
    return {
        ...args,
        httpsEgress: args.httpsEgress ?? "nat",
        egressSecurityGroupIds: args.egressSecurityGroupIds ?? [],
        memoryMb: args.memoryMb ?? 512,
        timeoutSeconds: args.timeoutSeconds ?? 10,
        originReadTimeoutSeconds: args.originReadTimeoutSeconds ?? 30,
        canaryPercent: args.canaryPercent ?? 0,
        upstreamTimeoutMs: args.upstreamTimeoutMs ?? 3000,
        cacheTtlSeconds: args.cacheTtlSeconds ?? 300,
        redisTimeoutMs: args.redisTimeoutMs ?? 50,
        logRetentionDays: args.logRetentionDays ?? 14,
        sourceMaps: args.sourceMaps ?? false,
        protect: args.protect ?? false,
    };
}

/**
 * Rejects arguments that AWS would reject or that would make the function misbehave, before any
 * resource exists. Returns the normalized arguments.
 */
export function validateFunctionArgs(
    name: string,
    args: FunctionArgs,
    scope: FunctionScope = { project: pulumi.getProject(), stack: pulumi.getStack() },
): NormalizedFunctionArgs {
    const fail = (field: string, value: unknown, allowed: string) => argError("Function", name, field, value, allowed);
    const isInteger = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value);
    const a = normalizeFunctionArgs(args);

    const functionName = functionNameFor(scope, name);
    if (functionName.length > MAX_FUNCTION_NAME_LENGTH) {
        throw fail("name", name, `short enough that the function name "${functionName}" (project-stack-name) fits Lambda's ${MAX_FUNCTION_NAME_LENGTH} characters`);
    }
    // An Output (a Network's subnet list) is checked by AWS; a plain list can be checked now.
    if (a.subnetIds === undefined || (Array.isArray(a.subnetIds) && (a.subnetIds.length < 1 || a.subnetIds.length > 16))) {
        throw fail("subnetIds", a.subnetIds, "a list of 1 to 16 private subnet ids");
    }
    if (!(HTTPS_EGRESS_MODES as readonly string[]).includes(a.httpsEgress)) {
        throw fail("httpsEgress", a.httpsEgress, `one of ${HTTPS_EGRESS_MODES.map((m) => `"${m}"`).join(", ")}`);
    }
    if (a.httpsEgress === "endpoints" && a.egressSecurityGroupIds.length === 0) {
        throw fail(
            "egressSecurityGroupIds", a.egressSecurityGroupIds,
            `at least one interface endpoint security group when "httpsEgress" is "endpoints" (without them the function cannot read its secret)`,
        );
    }
    if (!(a.code instanceof pulumi.asset.Archive)) {
        throw fail("code", typeof a.code, "a pulumi.asset.Archive of the built app (e.g. a FileArchive of build/app)");
    }
    if (typeof a.sourceMaps !== "boolean") throw fail("sourceMaps", a.sourceMaps, "true or false");
    if (!isInteger(a.memoryMb) || a.memoryMb < 128 || a.memoryMb > 10240) {
        throw fail("memoryMb", a.memoryMb, "an integer between 128 and 10240 (512 or more recommended)");
    }
    if (!isInteger(a.originReadTimeoutSeconds) || a.originReadTimeoutSeconds < 1 || a.originReadTimeoutSeconds > 180) {
        throw fail("originReadTimeoutSeconds", a.originReadTimeoutSeconds, "an integer between 1 and 180");
    }
    if (!isInteger(a.timeoutSeconds) || a.timeoutSeconds < 1 || a.timeoutSeconds > 900) {
        throw fail("timeoutSeconds", a.timeoutSeconds, "an integer between 1 and 900");
    }
    if (a.timeoutSeconds >= a.originReadTimeoutSeconds) {
        throw fail(
            "timeoutSeconds", a.timeoutSeconds,
            `less than "originReadTimeoutSeconds" (${a.originReadTimeoutSeconds}), or CloudFront answers 504 while the function still works`,
        );
    }
    const timeoutMs = a.timeoutSeconds * 1000;
    if (!isInteger(a.redisTimeoutMs) || a.redisTimeoutMs < 1 || a.redisTimeoutMs >= timeoutMs) {
        throw fail("redisTimeoutMs", a.redisTimeoutMs, `an integer from 1 to below "timeoutSeconds" in milliseconds (${timeoutMs})`);
    }
    if (!isInteger(a.upstreamTimeoutMs) || a.upstreamTimeoutMs < 1 || a.upstreamTimeoutMs >= timeoutMs) {
        throw fail("upstreamTimeoutMs", a.upstreamTimeoutMs, `an integer from 1 to below "timeoutSeconds" in milliseconds (${timeoutMs})`);
    }
    if (a.reservedConcurrency !== undefined && (!isInteger(a.reservedConcurrency) || a.reservedConcurrency < 1)) {
        throw fail("reservedConcurrency", a.reservedConcurrency, "a whole number of at least 1, or unset for the shared pool");
    }
    if (typeof a.canaryPercent !== "number" || !Number.isFinite(a.canaryPercent) || a.canaryPercent < 0 || a.canaryPercent > 50) {
        throw fail("canaryPercent", a.canaryPercent, "a number between 0 and 50");
    }
    if (a.stableVersion !== undefined && (typeof a.stableVersion !== "string" || !/^[1-9][0-9]*$/.test(a.stableVersion))) {
        throw fail("stableVersion", a.stableVersion, 'a published version number as a string, e.g. "7" (see `pulumi stack output`)');
    }
    if (a.canaryPercent > 0 && a.stableVersion === undefined) {
        throw fail(
            "stableVersion", a.stableVersion,
            `set to the version serving traffic now when "canaryPercent" is ${a.canaryPercent}, so the rest of the traffic stays on it`,
        );
    }
    if (!isInteger(a.cacheTtlSeconds) || a.cacheTtlSeconds < 1 || a.cacheTtlSeconds > 30 * 86_400) {
        throw fail("cacheTtlSeconds", a.cacheTtlSeconds, "an integer between 1 and 2592000 (30 days)");
    }
    if (!(LOG_RETENTION_DAYS as readonly number[]).includes(a.logRetentionDays)) {
        throw fail("logRetentionDays", a.logRetentionDays, `one of CloudWatch Logs' retention periods: ${LOG_RETENTION_DAYS.join(", ")}`);
    }
    validateUpstreamUrl(a.upstreamUrl, fail);
    if (typeof a.cache !== "object" || a.cache === null) {
        throw fail("cache", a.cache, "the cache's endpoint, port, securityGroupId and authSecretArn (the app needs REDIS_HOST)");
    }
    return a;
}

function validateUpstreamUrl(raw: unknown, fail: (field: string, value: unknown, allowed: string) => Error): void {
    let url: URL | undefined;
    try {
        url = typeof raw === "string" ? new URL(raw) : undefined;
    } catch {
        url = undefined;
    }
    if (url === undefined || (url.protocol !== "https:" && url.protocol !== "http:")) {
        throw fail("upstreamUrl", raw, "an http or https URL, e.g. https://api.example.com");
    }
    if (url.username !== "" || url.password !== "") {
        // Environment variables are readable by anyone with lambda:GetFunctionConfiguration.
        throw fail("upstreamUrl", `${url.protocol}//***@${url.host}${url.pathname}`, "a URL without credentials (keep those in Secrets Manager)");
    }
    if (url.search !== "" || url.hash !== "") {
        throw fail("upstreamUrl", raw, "a URL without query or fragment, because /items/{id} is appended to it");
    }
}

/**
 * The API's Lambda function in the private subnets: its own security group with egress only to the
 * cache's port and HTTPS, a role with exactly the permissions it uses, a KMS-encrypted log group
 * made before the function, versions published on every change and a `live` alias that CloudFront
 * reaches through an IAM-authenticated function URL. The alias can split traffic between the
 * stable and the new version (canary) and roll back by configuration alone.
 */
export class Function extends pulumi.ComponentResource {
    /** The Lambda function's name, `<project>-<stack>-<name>`. */
    readonly functionName: pulumi.Output<string>;
    /** Unqualified function ARN. */
    readonly functionArn: pulumi.Output<string>;
    /** The newest published version; give it as `stableVersion` before deploying a new one. */
    readonly functionVersion: pulumi.Output<string>;
    /** Always "live". */
    readonly aliasName: pulumi.Output<string>;
    /** ARN of the live alias (the function ARN qualified by the alias). */
    readonly aliasArn: pulumi.Output<string>;
    /** The live alias's function URL (AWS_IAM auth), CloudFront's origin. */
    readonly functionUrl: pulumi.Output<string>;
    /** The function's security group, for the cache's `allowClient`. */
    readonly securityGroupId: pulumi.Output<string>;
    readonly roleArn: pulumi.Output<string>;
    /** `/aws/lambda/<function name>`. */
    readonly logGroupName: pulumi.Output<string>;

    constructor(name: string, args: FunctionArgs, opts?: pulumi.ComponentResourceOptions) {
        const a = validateFunctionArgs(name, args);
        super("bulwark:compute:Function", name, {}, opts);

        const functionName = functionNameFor({ project: pulumi.getProject(), stack: pulumi.getStack() }, name);
        const where = this.lookUpAccount();
        const logGroup = this.createLogGroup(name, functionName, a);
        const securityGroup = this.createSecurityGroup(name, a);
        this.createEgressRules(name, securityGroup, a);
        const role = this.createRole(name, where);
        const rolePolicy = this.createRolePolicy(name, role, logGroup, securityGroup, where, a);
        const fn = this.createFunction(name, functionName, role, logGroup, rolePolicy, securityGroup, a);
        const alias = this.createAlias(name, fn, a);
        const url = this.createFunctionUrl(name, fn, alias);

        this.functionName = fn.name;
        this.functionArn = fn.arn;
        this.functionVersion = fn.version;
        this.aliasName = alias.name;
        this.aliasArn = alias.arn;
        this.functionUrl = url.functionUrl;
        this.securityGroupId = securityGroup.id;
        this.roleArn = role.arn;
        this.logGroupName = logGroup.name;
        this.registerOutputs({
            functionName: this.functionName,
            functionArn: this.functionArn,
            functionVersion: this.functionVersion,
            aliasName: this.aliasName,
            aliasArn: this.aliasArn,
            functionUrl: this.functionUrl,
            securityGroupId: this.securityGroupId,
            roleArn: this.roleArn,
            logGroupName: this.logGroupName,
        });
    }

    private lookUpAccount(): Account {
        const invokeOpts = { parent: this };
        return {
            partition: aws.getPartitionOutput({}, invokeOpts).partition,
            region: aws.getRegionOutput({}, invokeOpts).region,
            accountId: aws.getCallerIdentityOutput({}, invokeOpts).accountId,
        };
    }

    private createLogGroup(name: string, functionName: string, a: NormalizedFunctionArgs): aws.cloudwatch.LogGroup {
        // Made before the function so Lambda never auto-creates an unencrypted group that keeps logs forever.
        return new aws.cloudwatch.LogGroup(
            `${name}-logs`,
            { name: `/aws/lambda/${functionName}`, retentionInDays: a.logRetentionDays, kmsKeyId: a.logsKeyArn },
            { parent: this, protect: a.protect },
        );
    }

    private createSecurityGroup(name: string, a: NormalizedFunctionArgs): aws.ec2.SecurityGroup {
        // No inline rules: the provider then also removes AWS's default allow-all egress, and every
        // permitted flow is a separate rule below that a reviewer (and the policy pack) can see.
        return new aws.ec2.SecurityGroup(
            `${name}-sg`,
            { vpcId: a.vpcId, description: `Lambda function ${name}: egress to its cache and HTTPS only, no ingress` },
            { parent: this },
        );
    }

    private createEgressRules(name: string, securityGroup: aws.ec2.SecurityGroup, a: NormalizedFunctionArgs): void {
        new aws.vpc.SecurityGroupEgressRule(
            `${name}-to-cache`,
            {
                securityGroupId: securityGroup.id,
                description: "Redis protocol (TLS) to the cache",
                ipProtocol: "tcp",
                fromPort: a.cache.port,
                toPort: a.cache.port,
                referencedSecurityGroupId: a.cache.securityGroupId,
            },
            { parent: this },
        );
        if (a.httpsEgress === "nat") {
            // The upstream is on the internet at addresses we do not control; 443 through the NAT is the narrowest rule.
            new aws.vpc.SecurityGroupEgressRule(
                `${name}-https`,
                { securityGroupId: securityGroup.id, description: "HTTPS to the upstream and AWS APIs through the NAT", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" },
                { parent: this },
            );
            return;
        }
        a.egressSecurityGroupIds.forEach((endpointSecurityGroupId, index) => {
            new aws.vpc.SecurityGroupEgressRule(
                `${name}-https-endpoints-${index}`,
                {
                    securityGroupId: securityGroup.id,
                    description: "HTTPS to interface endpoints (Secrets Manager)",
                    ipProtocol: "tcp",
                    fromPort: 443,
                    toPort: 443,
                    referencedSecurityGroupId: endpointSecurityGroupId,
                },
                { parent: this },
            );
        });
    }

    private createRole(name: string, where: Account): aws.iam.Role {
        const trust = aws.iam.getPolicyDocumentOutput(
            {
                statements: [
                    {
                        sid: "LambdaOfThisAccount",
                        actions: ["sts:AssumeRole"],
                        principals: [{ type: "Service", identifiers: ["lambda.amazonaws.com"] }],
                        // Confused-deputy guard: only Lambda acting for this account may assume the role.
                        conditions: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [where.accountId] }],
                    },
                ],
            },
            { parent: this },
        );
        return new aws.iam.Role(
            `${name}-role`,
            { description: `Execution role of the ${name} Lambda function`, assumeRolePolicy: trust.json },
            { parent: this },
        );
    }

    private createRolePolicy(
        name: string,
        role: aws.iam.Role,
        logGroup: aws.cloudwatch.LogGroup,
        securityGroup: aws.ec2.SecurityGroup,
        where: Account,
        a: NormalizedFunctionArgs,
    ): aws.iam.RolePolicy {
        const ec2Arn = (resource: pulumi.Input<string>) => pulumi.interpolate`arn:${where.partition}:ec2:${where.region}:${where.accountId}:${resource}`;
        const networkInterfaces = ec2Arn("network-interface/*");
        const subnetArns = pulumi.output(a.subnetIds).apply((ids) => pulumi.all(ids.map((id) => ec2Arn(`subnet/${id}`))));
        const createInterfaceResources = pulumi
            .all([networkInterfaces, subnetArns, securityGroup.arn])
            .apply(([interfaces, subnets, group]) => [interfaces, ...subnets, group]);
        const secretKeyArn = a.cache.authSecretKeyArn ?? a.envKeyArn;

        const document = aws.iam.getPolicyDocumentOutput(
            {
                statements: [
                    {
                        sid: "WriteOwnLog",
                        actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
                        resources: [pulumi.interpolate`${logGroup.arn}:*`],
                    },
                    {
                        // Describe calls support no resource-level permissions at all, so "*" is the only form AWS accepts.
                        sid: "DescribeNetworkInterfaces",
                        actions: ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"],
                        resources: ["*"],
                    },
                    {
                        // A new interface is authorized on itself (its id is unknown in advance, hence network-interface/*),
                        // its subnet and its security groups: only this function's subnets and group.
                        sid: "CreateNetworkInterfaceInOwnSubnets",
                        actions: ["ec2:CreateNetworkInterface"],
                        resources: createInterfaceResources,
                    },
                    {
                        // Before it attaches a function to a VPC, Lambda checks DeleteNetworkInterface on every
                        // resource of the account and region, with no interface to name: the Lambda Developer Guide
                        // asks for "arn:aws:ec2:<region>:<account>:*/*", and a grant on network-interface/* or under
                        // an ec2:Vpc condition fails CreateFunction.
                        sid: "DeleteNetworkInterfaces",
                        actions: ["ec2:DeleteNetworkInterface"],
                        resources: [ec2Arn("*/*")],
                    },
                    {
                        // Lambda names no interface ids in advance; ec2:Vpc keeps these to interfaces in this VPC.
                        sid: "ManagePrivateIpsInOwnVpc",
                        actions: ["ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"],
                        resources: [networkInterfaces],
                        conditions: [{ test: "ArnEquals", variable: "ec2:Vpc", values: [ec2Arn(pulumi.interpolate`vpc/${a.vpcId}`)] }],
                    },
                    {
                        // X-Ray has no resource types: these actions accept only "*".
                        sid: "WriteTraces",
                        actions: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
                        resources: ["*"],
                    },
                    {
                        sid: "ReadCacheAuthSecret",
                        actions: ["secretsmanager:GetSecretValue"],
                        resources: [a.cache.authSecretArn],
                    },
                    {
                        // Only Secrets Manager may use the key for the role, and only to decrypt this one secret.
                        // The environment needs no statement: Lambda decrypts it through a grant it makes on the key.
                        sid: "DecryptCacheAuthSecret",
                        actions: ["kms:Decrypt"],
                        resources: [secretKeyArn],
                        conditions: [
                            { test: "StringEquals", variable: "kms:ViaService", values: [pulumi.interpolate`secretsmanager.${where.region}.amazonaws.com`] },
                            { test: "StringEquals", variable: "kms:EncryptionContext:SecretARN", values: [a.cache.authSecretArn] },
                        ],
                    },
                ],
            },
            { parent: this },
        );
        return new aws.iam.RolePolicy(`${name}-policy`, { role: role.id, policy: document.json }, { parent: this });
    }

    private createFunction(
        name: string,
        functionName: string,
        role: aws.iam.Role,
        logGroup: aws.cloudwatch.LogGroup,
        rolePolicy: aws.iam.RolePolicy,
        securityGroup: aws.ec2.SecurityGroup,
        a: NormalizedFunctionArgs,
    ): aws.lambda.Function {
        return new aws.lambda.Function(
            `${name}-function`,
            {
                name: functionName,
                role: role.arn,
                code: a.code,
                handler: FUNCTION_HANDLER,
                runtime: FUNCTION_RUNTIME,
                architectures: ["arm64"],
                memorySize: a.memoryMb,
                timeout: a.timeoutSeconds,
                reservedConcurrentExecutions: a.reservedConcurrency,
                // Every change publishes a numbered version, so the alias can move between versions.
                publish: true,
                vpcConfig: { subnetIds: a.subnetIds, securityGroupIds: [securityGroup.id] },
                tracingConfig: { mode: "Active" },
                loggingConfig: { logFormat: "Text", logGroup: logGroup.name },
                kmsKeyArn: a.envKeyArn,
                environment: { variables: this.environment(a) },
            },
            // Lambda checks the role's network-interface permissions when it creates the function, so the
            // policy must exist first; the log group must exist so Lambda does not create its own.
            { parent: this, dependsOn: [logGroup, rolePolicy] },
        );
    }

    /** Only non-secret settings, by the names app/config.ts reads; the AUTH token travels as a secret ARN. */
    private environment(a: NormalizedFunctionArgs): Record<string, pulumi.Input<string>> {
        return {
            UPSTREAM_URL: a.upstreamUrl,
            ORIGIN_TIMEOUT_MS: String(a.upstreamTimeoutMs),
            REDIS_HOST: a.cache.endpoint,
            REDIS_PORT: pulumi.output(a.cache.port).apply(String),
            // The cache requires in-transit encryption.
            REDIS_TLS: "true",
            REDIS_AUTH_SECRET_ARN: a.cache.authSecretArn,
            REDIS_COMMAND_TIMEOUT_MS: String(a.redisTimeoutMs),
            CACHE_TTL_SECONDS: String(a.cacheTtlSeconds),
            ...(a.sourceMaps ? { NODE_OPTIONS: "--enable-source-maps" } : {}),
        };
    }

    private createAlias(name: string, fn: aws.lambda.Function, a: NormalizedFunctionArgs): aws.lambda.Alias {
        const route = fn.version.apply((newest) => liveRoute(newest, a.stableVersion, a.canaryPercent));
        return new aws.lambda.Alias(
            `${name}-live`,
            {
                name: LIVE_ALIAS_NAME,
                description: "Traffic from CloudFront; moves between versions on deploy, canary and rollback",
                functionName: fn.name,
                functionVersion: route.functionVersion,
                routingConfig: route.routingConfig,
            },
            { parent: this },
        );
    }

    private createFunctionUrl(name: string, fn: aws.lambda.Function, alias: aws.lambda.Alias): aws.lambda.FunctionUrl {
        // AWS_IAM: only SigV4-signed calls get in, which CloudFront's origin access control makes; the
        // CDN grants its distribution lambda:InvokeFunctionUrl on this alias.
        return new aws.lambda.FunctionUrl(
            `${name}-url`,
            { functionName: fn.name, qualifier: alias.name, authorizationType: "AWS_IAM", invokeMode: "BUFFERED" },
            { parent: this },
        );
    }
}

interface Account {
    partition: pulumi.Output<string>;
    region: pulumi.Output<string>;
    accountId: pulumi.Output<string>;
}

/** Where the live alias sends traffic. */
export interface LiveRoute {
    functionVersion: string;
    routingConfig?: { additionalVersionWeights: Record<string, number> };
}

/**
 * The live alias's target. No `stableVersion`: everything on the newest version. `stableVersion`
 * with `canaryPercent` 0: everything on the stable version (rollback). Both: the stable version
 * keeps the rest while the newest gets `canaryPercent`. A weight on the alias's own version is
 * rejected by Lambda, so when nothing newer was published the stable version takes it all.
 */
export function liveRoute(newestVersion: string, stableVersion: string | undefined, canaryPercent: number): LiveRoute {
    if (stableVersion === undefined) return { functionVersion: newestVersion };
    if (canaryPercent === 0 || newestVersion === stableVersion) return { functionVersion: stableVersion };
    return { functionVersion: stableVersion, routingConfig: { additionalVersionWeights: { [newestVersion]: canaryPercent / 100 } } };
}
