import type { RecordedResource } from "../../engine/recorder";
import { get, isUnknown, ReadinessCheck, StackView } from "../lib";
import type { Finding } from "../lib";

/**
 * One argument rule of the AWS provider's schema that its own Check enforces and that mocks never run.
 * `conflictsWith`: `argument`, when set, rejects every one of `with` that is also set. `exactlyOneOf`:
 * exactly one of `arguments` must be set. Names are Pulumi's (camelCase; the provider's `filename` is
 * `code`, its `network_interface` block `networkInterfaces`).
 */
export type ArgumentRule =
    | { type: string; kind: "conflictsWith"; argument: string; with: string[]; source: string; fix?: string }
    | { type: string; kind: "exactlyOneOf"; arguments: string[]; source: string; fix?: string };

const PROVIDER = "hashicorp/terraform-provider-aws";
/** The provider's docs as @pulumi/aws 7.48 ships them in its doc comments (from website/docs/r/<resource>). */
const docs = (resource: string) => `${PROVIDER} website/docs/r/${resource}.html.markdown (the @pulumi/aws 7.48 doc comment of the arguments)`;
const schema = (file: string, detail: string) => `${PROVIDER} ${file}: ${detail}`;

/**
 * The curated table: the rules on the types Bulwark's components and the policy corpus programs use
 * whose breach the provider rejects at preview. Booleans count as set when written, false included,
 * as the provider reads its configuration (sourceDestCheck: false beside primaryNetworkInterface is
 * the issue that started this table). The name/namePrefix pairs are left out: the engine analyzes inputs
 * after the provider's Check has filled in the auto-name, so a written name cannot be told from a generated one.
 */
export const ARGUMENT_RULES: readonly ArgumentRule[] = [
    {
        type: "aws:ec2/instance:Instance", kind: "conflictsWith", argument: "primaryNetworkInterface", with: ["sourceDestCheck"],
        source: `${PROVIDER} issue #44768 and pull request #49198 (r/aws_instance: source_dest_check is in ConflictsWith for primary_network_interface)`,
        fix: "Set sourceDestCheck on the aws.ec2.NetworkInterface instead, and list \"sourceDestCheck\" in the instance's ignoreChanges: the provider reads it back from the interface and would otherwise turn the check back on at the next update.",
    },
    {
        type: "aws:ec2/instance:Instance", kind: "conflictsWith", argument: "networkInterfaces",
        with: ["associatePublicIpAddress", "subnetId", "privateIp", "secondaryPrivateIps", "vpcSecurityGroupIds", "securityGroups", "ipv6Addresses", "ipv6AddressCount", "sourceDestCheck"],
        source: schema("internal/service/ec2/ec2_instance.go", "network_interface ConflictsWith associate_public_ip_address, subnet_id, private_ip, secondary_private_ips, vpc_security_group_ids, security_groups, ipv6_addresses, ipv6_address_count, source_dest_check"),
        fix: "Set those on the aws.ec2.NetworkInterface the block attaches (and prefer primaryNetworkInterface: networkInterfaces is deprecated).",
    },
    { type: "aws:ec2/instance:Instance", kind: "conflictsWith", argument: "userData", with: ["userDataBase64"], source: schema("internal/service/ec2/ec2_instance.go", "user_data ConflictsWith user_data_base64") },
    { type: "aws:ec2/instance:Instance", kind: "conflictsWith", argument: "ipv6AddressCount", with: ["ipv6Addresses"], source: schema("internal/service/ec2/ec2_instance.go", "ipv6_address_count ConflictsWith ipv6_addresses") },
    { type: "aws:ec2/instance:Instance", kind: "conflictsWith", argument: "placementGroup", with: ["placementGroupId"], source: docs("instance") },
    {
        type: "aws:ec2/route:Route", kind: "exactlyOneOf", arguments: ["destinationCidrBlock", "destinationIpv6CidrBlock", "destinationPrefixListId"],
        source: schema("internal/service/ec2/vpc_route.go", "each of routeValidDestinations is ExactlyOneOf routeValidDestinations"),
    },
    {
        type: "aws:ec2/route:Route", kind: "exactlyOneOf",
        arguments: ["carrierGatewayId", "coreNetworkArn", "egressOnlyGatewayId", "gatewayId", "localGatewayId", "natGatewayId", "networkInterfaceId", "odbNetworkArn", "transitGatewayId", "vpcEndpointId", "vpcPeeringConnectionId"],
        source: schema("internal/service/ec2/vpc_route.go", "each of routeValidTargets is ExactlyOneOf routeValidTargets (odb_network_arn added in provider 6)"),
        fix: "Give the route exactly one target; a second route table or route is how a second target is added.",
    },
    {
        type: "aws:ec2/vpcEndpoint:VpcEndpoint", kind: "exactlyOneOf", arguments: ["resourceConfigurationArn", "serviceName", "serviceNetworkArn"], source: docs("vpc_endpoint"),
    },
    {
        type: "aws:ec2/flowLog:FlowLog", kind: "exactlyOneOf", arguments: ["eniId", "regionalNatGatewayId", "subnetId", "transitGatewayId", "transitGatewayAttachmentId", "vpcId"], source: docs("flow_log"),
        fix: "Make one flow log per VPC, subnet or interface.",
    },
    { type: "aws:ec2/vpc:Vpc", kind: "conflictsWith", argument: "assignGeneratedIpv6CidrBlock", with: ["ipv6IpamPoolId"], source: docs("vpc") },
    { type: "aws:s3/bucket:Bucket", kind: "conflictsWith", argument: "grants", with: ["acl"], source: docs("s3_bucket") },
    {
        type: "aws:sqs/queue:Queue", kind: "conflictsWith", argument: "sqsManagedSseEnabled", with: ["kmsMasterKeyId"],
        source: schema("internal/service/sqs/queue.go", "sqs_managed_sse_enabled ConflictsWith kms_master_key_id"),
        fix: "A queue has one server-side encryption: keep kmsMasterKeyId (SSE-KMS) or sqsManagedSseEnabled (SSE-SQS).",
    },
    {
        type: "aws:lambda/function:Function", kind: "exactlyOneOf", arguments: ["code", "imageUri", "s3Bucket"],
        source: schema("internal/service/lambda/function.go", "filename (Pulumi's code) ExactlyOneOf filename, image_uri, s3_bucket"),
    },
    {
        type: "aws:elasticache/replicationGroup:ReplicationGroup", kind: "conflictsWith", argument: "authToken", with: ["userGroupIds", "authTokenWo"],
        source: `${schema("internal/service/elasticache/replication_group.go", "auth_token ConflictsWith user_group_ids")}; ${docs("elasticache_replication_group")} (auth_token_wo conflicts with auth_token)`,
        fix: "Authenticate one way: an AUTH token (authTokenWo keeps it out of state) or an ElastiCache user group (userGroupIds), not both.",
    },
    {
        type: "aws:elasticache/replicationGroup:ReplicationGroup", kind: "conflictsWith", argument: "numCacheClusters", with: ["numNodeGroups", "replicasPerNodeGroup"],
        source: `${schema("internal/service/elasticache/replication_group.go", "num_cache_clusters ConflictsWith num_node_groups")}; ${docs("elasticache_replication_group")}`,
        fix: "Use numCacheClusters without cluster mode, or numNodeGroups with replicasPerNodeGroup with it.",
    },
    { type: "aws:cloudtrail/trail:Trail", kind: "conflictsWith", argument: "advancedEventSelectors", with: ["eventSelectors"], source: docs("cloudtrail") },
    { type: "aws:wafv2/webAcl:WebAcl", kind: "conflictsWith", argument: "ruleJson", with: ["rules"], source: docs("wafv2_web_acl") },
    {
        type: "aws:rds/instance:Instance", kind: "conflictsWith", argument: "manageMasterUserPassword", with: ["password", "passwordWo"],
        source: `${schema("internal/service/rds/instance.go", "manage_master_user_password ConflictsWith password")}; ${docs("db_instance")}`,
        fix: "Let RDS keep the password in Secrets Manager (manageMasterUserPassword) and drop password, or manage the password yourself.",
    },
    { type: "aws:rds/instance:Instance", kind: "conflictsWith", argument: "identifier", with: ["identifierPrefix"], source: schema("internal/service/rds/instance.go", "identifier ConflictsWith identifier_prefix") },
    {
        type: "aws:rds/cluster:Cluster", kind: "conflictsWith", argument: "manageMasterUserPassword", with: ["masterPassword", "masterPasswordWo"],
        source: schema("internal/service/rds/cluster.go", "manage_master_user_password ConflictsWith master_password, master_password_wo"),
    },
    { type: "aws:rds/cluster:Cluster", kind: "conflictsWith", argument: "clusterIdentifier", with: ["clusterIdentifierPrefix"], source: docs("rds_cluster") },
];

type Presence = "set" | "unset" | "unknown";

/** Whether an argument is written: undefined, null and empty lists are not; an unknown value is not judged. */
function presence(value: unknown): Presence {
    if (value === undefined) return "unset";
    if (isUnknown(value)) return "unknown";
    if (Array.isArray(value) && value.length === 0) return "unset";
    return "set";
}

const quoted = (names: string[]) => names.map((n) => `"${n}"`).join(", ");

function judge(stack: StackView, check: ReadinessCheck, resource: RecordedResource, rule: ArgumentRule): Finding | undefined {
    const props = stack.props(resource);
    const state = (argument: string) => presence(get(props, argument));
    const kind = resource.type.split(":").pop();
    if (rule.kind === "conflictsWith") {
        if (state(rule.argument) !== "set") return undefined;
        const clashing = rule.with.filter((other) => state(other) === "set");
        if (clashing.length === 0) return undefined;
        return stack.finding(check, resource, "error",
            `${kind} "${resource.name}" sets "${rule.argument}" and ${quoted(clashing)}, which the AWS provider rejects together (ConflictsWith): the preview fails before anything is created.`,
            `AWS provider schema: ${rule.argument} conflicts with ${rule.with.join(", ")} (${rule.source}).`,
            rule.fix ?? `Set "${rule.argument}" or ${quoted(clashing)}, not both.`);
    }
    const states = rule.arguments.map((argument) => ({ argument, state: state(argument) }));
    const written = states.filter((s) => s.state === "set").map((s) => s.argument);
    const unknown = states.some((s) => s.state === "unknown");
    if (written.length === 1 || (written.length === 0 && unknown)) return undefined;
    const problem = written.length === 0 ? `sets none of ${quoted(rule.arguments)}` : `sets ${quoted(written)}`;
    return stack.finding(check, resource, "error",
        `${kind} "${resource.name}" ${problem}: the AWS provider requires exactly one of them (ExactlyOneOf), so the preview fails before anything is created.`,
        `AWS provider schema: exactly one of ${rule.arguments.join(", ")} (${rule.source}).`,
        rule.fix ?? (written.length === 0 ? `Set one of ${quoted(rule.arguments)}.` : `Keep one of ${quoted(written)}.`));
}

export const providerConflictingArguments: ReadinessCheck = {
    name: "provider-conflicting-arguments",
    category: "aws-api",
    severity: "error",
    what: "No resource sets two arguments the AWS provider declares ConflictsWith, and each sets exactly one of an ExactlyOneOf group, for the curated table of rules on the types Bulwark and the policy corpus use (listed with their sources below).",
    rule: "The provider's Check rejects such inputs before any AWS call (\"conflicts with\", \"only one of ... can be specified\", \"one of ... must be specified\"); mocks never run Check, so only this check sees it offline.",
    data: `${ARGUMENT_RULES.length} rules from the provider's schema and docs (docs/readiness.md, "Provider argument rules")`,
    run(stack) {
        const findings: Finding[] = [];
        for (const rule of ARGUMENT_RULES) {
            for (const resource of stack.ofType(rule.type)) {
                const finding = judge(stack, this, resource, rule);
                if (finding) findings.push(finding);
            }
        }
        return findings;
    },
};
