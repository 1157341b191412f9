/**
 * The VPC: three subnet tiers per Availability Zone, egress by the chosen NAT strategy, VPC endpoints,
 * flow logs, and a locked-down default security group. Or, with `existingVpcId`, a checked view of a
 * VPC that someone else manages plus the interface endpoints Bulwark needs in it.
 *
 * Tiers:
 * - public: only the NAT (gateways or instances) and the internet gateway live here.
 * - private: the API function; its default route goes to a NAT in the same AZ when there is one.
 * - isolated: the cache; no route out of the VPC and a network ACL that admits only the VPC's range.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { IPv4CidrRange } from "ip-num";
import { argError } from "../stacks/errors";
import { carveSubnets, cidrProblem, MAX_AZ_COUNT, SubnetCidrs } from "../stacks/subnets";
import {
    ENDPOINTS_REQUIRED_WITHOUT_NAT, INTERFACE_ENDPOINT_SERVICES, InterfaceEndpointService, LOG_RETENTION_DAYS,
    NAT_INSTANCE_COUNTS, NAT_INSTANCE_TYPES, NAT_STRATEGIES, NatInstanceCount, NatInstanceType, NatStrategy,
} from "../stacks/types";
import { amazonLinuxAmiParameter, natInstanceUserData } from "./network-nat";
import { AccountScope, flowLogsTrustPolicy, flowLogsWritePolicy, logsKeyPolicy } from "./network-policies";

export type SubnetTier = "public" | "private" | "isolated";

/** The tag the policy pack reads to know a subnet's or route table's tier. */
export const TIER_TAG = "bulwark:tier";

/** Gateway endpoints cost nothing, so every VPC gets them on its private and isolated route tables. */
export const GATEWAY_ENDPOINT_SERVICES = ["s3", "dynamodb"] as const;

const COMPONENT = "Network";
/** AWS VPCs are at most a /16. */
const LARGEST_VPC_RANGE_PREFIX = 16;
const RFC1918_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map((cidr) => IPv4CidrRange.fromCidr(cidr));

export interface NetworkArgs {
    /**
     * The VPC's IPv4 range: private (RFC 1918), /16 to /23. Split into public, private and isolated
     * quarters of 8 subnet slots each (see stacks/subnets.ts); ignored with `existingVpcId`.
     * @default "10.0.0.0/16"
     * @example "10.10.0.0/16"
     */
    cidr?: string;
    /**
     * Availability Zones to spread each tier over, 1 to 6, taken in order from the region's available
     * zones. Two or more keep the API and cache up through an AZ outage. Ignored with `existingVpcId`.
     * @default 2
     * @example 3
     */
    azCount?: number;
    /**
     * How the private subnets reach the internet. `none`: no egress, AWS APIs only through interface
     * endpoints (needs at least "secretsmanager" in `interfaceEndpoints`); `instance`: NAT instances
     * (about $7.36 a month each with their address and disk); `single`: one NAT gateway (about $36.50 a
     * month); `perAz`: a NAT gateway in every AZ (about $36.50 a month each). Ignored with `existingVpcId`.
     * @default "instance"
     * @example "perAz"
     */
    natStrategy?: NatStrategy;
    /**
     * With `natStrategy: "instance"`: one NAT instance in the first AZ for the whole VPC, or one per AZ.
     * @default "one"
     * @example "perAz"
     */
    natInstanceCount?: NatInstanceCount;
    /**
     * With `natStrategy: "instance"`: the instance type. Graviton types (t4g) get the arm64 image.
     * @default "t4g.nano"
     * @example "t4g.micro"
     */
    natInstanceType?: NatInstanceType;
    /**
     * With `natStrategy: "instance"`: the image, pinned. Unset, the newest Amazon Linux 2023 image is
     * looked up when the instance is first created and later images are ignored (`ignoreChanges: ["ami"]`),
     * so a new image never replaces a running NAT by surprise; set this to move to a new image on purpose.
     * @default undefined (Amazon Linux 2023 from AWS's public SSM parameter)
     * @example "ami-0123456789abcdef0"
     */
    natInstanceAmi?: string;
    /**
     * AWS services reached through interface endpoints (PrivateLink) in the private subnets, with private
     * DNS and a security group that admits HTTPS from the private subnets only. Each costs about $7.30
     * a month per AZ.
     * @default []
     * @example ["secretsmanager", "kms", "logs", "sts"]
     */
    interfaceEndpoints?: readonly InterfaceEndpointService[];
    /**
     * Days to keep the VPC flow logs (all traffic). One of CloudWatch Logs' retention periods.
     * @default 365
     * @example 14
     */
    flowLogRetentionDays?: number;
    /**
     * ARN of the KMS key that encrypts the flow log group: pass the security baseline's `logsKeyArn`.
     * Unset, the component creates a key of its own (about $1 a month) and warns.
     * @default undefined (a key created here, with rotation)
     * @example baseline.logsKeyArn
     */
    logsKeyArn?: pulumi.Input<string>;
    /**
     * Use this VPC instead of creating one. Nothing is created in it but the interface endpoints (and
     * their security group); its routes, NAT and flow logs stay with whoever manages it.
     * @default undefined (a new VPC)
     * @example "vpc-0123456789abcdef0"
     */
    existingVpcId?: string;
    /**
     * With `existingVpcId`: the subnets for the API function, in at least two AZs, with the egress it needs.
     * @default undefined
     * @example ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
     */
    existingPrivateSubnetIds?: readonly string[];
    /**
     * With `existingVpcId`: the subnets for the cache, in at least two AZs, with no route out of the VPC.
     * @default undefined
     * @example ["subnet-0a1b2c3d4e5f60718", "subnet-08f7e6d5c4b3a2910"]
     */
    existingIsolatedSubnetIds?: readonly string[];
    /**
     * Tags for every resource, under the `Name` and `bulwark:tier` tags the component sets itself.
     * @default {}
     * @example { team: "platform" }
     */
    tags?: Readonly<Record<string, string>>;
    /**
     * Protect the stateful children (the flow log group and the key made here) from deletion.
     * @default false
     * @example true
     */
    protect?: boolean;
}

/** The args with every default applied, as the component uses them. */
export interface ResolvedNetworkArgs {
    readonly cidr: string;
    readonly azCount: number;
    readonly natStrategy: NatStrategy;
    readonly natInstanceCount: NatInstanceCount;
    readonly natInstanceType: NatInstanceType;
    readonly natInstanceAmi: string | undefined;
    readonly interfaceEndpoints: readonly InterfaceEndpointService[];
    readonly flowLogRetentionDays: number;
    readonly logsKeyArn: pulumi.Input<string> | undefined;
    readonly existing: ExistingNetwork | undefined;
    readonly tags: Readonly<Record<string, string>>;
    readonly protect: boolean;
    /** Subnet ranges per tier, in AZ order; empty tiers with `existingVpcId`. */
    readonly subnetCidrs: SubnetCidrs;
}

export interface ExistingNetwork {
    readonly vpcId: string;
    readonly privateSubnetIds: readonly string[];
    readonly isolatedSubnetIds: readonly string[];
}

/** What the component built for egress, as plain values (for reports and cost estimates). */
export interface NetworkEgress {
    /** The NAT strategy built; "none" also with `existingVpcId`, whose egress this component does not manage. */
    readonly strategy: NatStrategy;
    /**
     * The AZ slots that hold a NAT: "az1" is the first of the region's available AZs, matching the
     * children's names (`<name>-nat-az1`). Slots, not zone names, because zone names come from a lookup
     * and are not known while the program is built.
     */
    readonly natAzs: readonly string[];
    readonly interfaceEndpoints: readonly InterfaceEndpointService[];
}

const DEFAULTS = {
    cidr: "10.0.0.0/16",
    azCount: 2,
    natStrategy: "instance",
    natInstanceCount: "one",
    natInstanceType: "t4g.nano",
    interfaceEndpoints: [] as readonly InterfaceEndpointService[],
    flowLogRetentionDays: 365,
} as const;

const AMI_ID = /^ami-[0-9a-f]{8,17}$/;
const VPC_ID = /^vpc-[0-9a-f]{8,17}$/;
const SUBNET_ID = /^subnet-[0-9a-f]{8,17}$/;
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;

function quoted(values: readonly (string | number)[]): string {
    return values.map((v) => (typeof v === "string" ? `"${v}"` : String(v))).join(", ");
}

/**
 * Applies defaults and checks every argument, throwing a ConfigError that names the field before
 * anything is registered. Pure: the same args always give the same result or the same error.
 */
export function validateNetworkArgs(name: string, args: NetworkArgs): ResolvedNetworkArgs {
    const fail = (field: string, value: unknown, allowed: string) => argError(COMPONENT, name, field, value, allowed);

    const azCount = args.azCount ?? DEFAULTS.azCount;
    if (!Number.isInteger(azCount) || azCount < 1 || azCount > MAX_AZ_COUNT) {
        throw fail("azCount", azCount, `an integer from 1 to ${MAX_AZ_COUNT}`);
    }
    const cidr = args.cidr ?? DEFAULTS.cidr;
    if (typeof cidr !== "string") throw fail("cidr", cidr, "an IPv4 CIDR such as 10.0.0.0/16");
    const problem = cidrProblem(cidr, azCount);
    if (problem !== undefined) throw fail("cidr", cidr, problem);
    const vpcRange = IPv4CidrRange.fromCidr(cidr);
    if (Number(vpcRange.getPrefix().getValue()) < LARGEST_VPC_RANGE_PREFIX) {
        throw fail("cidr", cidr, `a /${LARGEST_VPC_RANGE_PREFIX} or smaller range: AWS VPCs are at most /${LARGEST_VPC_RANGE_PREFIX}`);
    }
    if (!RFC1918_RANGES.some((range) => vpcRange.inside(range))) {
        throw fail("cidr", cidr, "inside a private (RFC 1918) range: 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16");
    }

    const natStrategy = args.natStrategy ?? DEFAULTS.natStrategy;
    if (!NAT_STRATEGIES.includes(natStrategy)) throw fail("natStrategy", natStrategy, `one of ${quoted(NAT_STRATEGIES)}`);
    const natInstanceCount = args.natInstanceCount ?? DEFAULTS.natInstanceCount;
    if (!NAT_INSTANCE_COUNTS.includes(natInstanceCount)) {
        throw fail("natInstanceCount", natInstanceCount, `one of ${quoted(NAT_INSTANCE_COUNTS)}`);
    }
    const natInstanceType = args.natInstanceType ?? DEFAULTS.natInstanceType;
    if (!NAT_INSTANCE_TYPES.includes(natInstanceType)) {
        throw fail("natInstanceType", natInstanceType, `one of ${quoted(NAT_INSTANCE_TYPES)}`);
    }
    if (args.natInstanceAmi !== undefined && !AMI_ID.test(args.natInstanceAmi)) {
        throw fail("natInstanceAmi", args.natInstanceAmi, "an AMI id such as ami-0123456789abcdef0, or unset for Amazon Linux 2023");
    }

    const interfaceEndpoints = args.interfaceEndpoints ?? DEFAULTS.interfaceEndpoints;
    if (!Array.isArray(interfaceEndpoints)) throw fail("interfaceEndpoints", interfaceEndpoints, "a list of service names");
    interfaceEndpoints.forEach((service, index) => {
        if (!INTERFACE_ENDPOINT_SERVICES.includes(service)) {
            throw fail(`interfaceEndpoints[${index}]`, service, `one of ${quoted(INTERFACE_ENDPOINT_SERVICES)}`);
        }
        if (interfaceEndpoints.indexOf(service) !== index) {
            throw fail(`interfaceEndpoints[${index}]`, service, "listed once (a VPC holds one endpoint per service)");
        }
    });

    const flowLogRetentionDays = args.flowLogRetentionDays ?? DEFAULTS.flowLogRetentionDays;
    if (!(LOG_RETENTION_DAYS as readonly number[]).includes(flowLogRetentionDays)) {
        throw fail("flowLogRetentionDays", flowLogRetentionDays, `one of CloudWatch Logs' retention periods: ${LOG_RETENTION_DAYS.join(", ")}`);
    }
    if (typeof args.logsKeyArn === "string" && !KMS_KEY_ARN.test(args.logsKeyArn)) {
        throw fail("logsKeyArn", args.logsKeyArn, "a KMS key ARN such as arn:aws:kms:us-east-1:123456789012:key/<key id> (CloudWatch Logs takes no alias)");
    }

    const tags = args.tags ?? {};
    for (const [key, value] of Object.entries(tags)) {
        if (key.toLowerCase().startsWith("aws:")) throw fail(`tags.${key}`, value, "under a key that does not start with \"aws:\" (AWS reserves that prefix)");
        if (typeof value !== "string") throw fail(`tags.${key}`, value, "a string");
    }

    const existing = validateExistingNetwork(name, args);
    if (existing === undefined && natStrategy === "none") {
        const missing = ENDPOINTS_REQUIRED_WITHOUT_NAT.filter((service) => !interfaceEndpoints.includes(service));
        if (missing.length > 0) {
            throw fail(
                "natStrategy",
                natStrategy,
                `"instance", "single" or "perAz" unless "interfaceEndpoints" includes ${quoted(missing)}: ` +
                    "without a NAT the function reaches AWS only through interface endpoints",
            );
        }
    }

    const subnetCidrs = existing === undefined ? carveCheckedSubnets(name, cidr, azCount) : { public: [], private: [], isolated: [] };
    return {
        cidr,
        azCount,
        natStrategy,
        natInstanceCount,
        natInstanceType,
        natInstanceAmi: args.natInstanceAmi,
        interfaceEndpoints: [...interfaceEndpoints],
        flowLogRetentionDays,
        logsKeyArn: args.logsKeyArn,
        existing,
        tags: { ...tags },
        protect: args.protect ?? false,
        subnetCidrs,
    };
}

function validateExistingNetwork(name: string, args: NetworkArgs): ExistingNetwork | undefined {
    const fail = (field: string, value: unknown, allowed: string) => argError(COMPONENT, name, field, value, allowed);
    const lists = { existingPrivateSubnetIds: args.existingPrivateSubnetIds, existingIsolatedSubnetIds: args.existingIsolatedSubnetIds };
    if (args.existingVpcId === undefined) {
        for (const [field, value] of Object.entries(lists)) {
            if (value !== undefined) throw fail(field, value, `set only together with "existingVpcId", which is not set`);
        }
        return undefined;
    }
    if (!VPC_ID.test(args.existingVpcId)) throw fail("existingVpcId", args.existingVpcId, "a VPC id such as vpc-0123456789abcdef0");
    for (const [field, value] of Object.entries(lists)) {
        if (!Array.isArray(value) || value.length < 2) {
            throw fail(field, value, `a list of at least 2 subnet ids (in different AZs) when "existingVpcId" is set`);
        }
        value.forEach((id, index) => {
            if (typeof id !== "string" || !SUBNET_ID.test(id)) throw fail(`${field}[${index}]`, id, "a subnet id such as subnet-0123456789abcdef0");
            if (value.indexOf(id) !== index) throw fail(`${field}[${index}]`, id, "listed once");
        });
    }
    const privateIds = args.existingPrivateSubnetIds!;
    const isolatedIds = args.existingIsolatedSubnetIds!;
    isolatedIds.forEach((id, index) => {
        if (privateIds.includes(id)) {
            throw fail(`existingIsolatedSubnetIds[${index}]`, id, `a subnet not also in "existingPrivateSubnetIds": the cache's subnets must have no route out`);
        }
    });
    return { vpcId: args.existingVpcId, privateSubnetIds: [...privateIds], isolatedSubnetIds: [...isolatedIds] };
}

/** Carves the tiers and checks the result, so that a change to the carving can never yield overlapping subnets. */
function carveCheckedSubnets(name: string, cidr: string, azCount: number): SubnetCidrs {
    const carved = carveSubnets(cidr, azCount);
    const vpc = IPv4CidrRange.fromCidr(cidr);
    const all = [...carved.public, ...carved.private, ...carved.isolated].map((subnet) => IPv4CidrRange.fromCidr(subnet));
    const clash = all.findIndex((subnet, i) =>
        !subnet.inside(vpc) ||
        all.some((other, j) => j !== i && (other.isOverlapping(subnet) || other.contains(subnet) || subnet.contains(other))),
    );
    if (all.length !== 3 * azCount || clash !== -1) {
        throw argError(COMPONENT, name, "cidr", cidr, `a range that holds ${3 * azCount} separate subnets (carving gave ${all.map((s) => s.toCidrString()).join(", ")})`);
    }
    return carved;
}

/** What a lookup of an existing VPC returns, reduced to what the checks need. */
export interface ExistingLookup {
    vpc: { id: string; cidrBlock: string; enableDnsSupport: boolean; enableDnsHostnames: boolean };
    privateSubnets: { id: string; vpcId: string; availabilityZone: string; cidrBlock: string }[];
    isolatedSubnets: { id: string; vpcId: string; availabilityZone: string; cidrBlock: string }[];
}

/**
 * Checks looked-up subnets and VPC against what Bulwark needs; runs once the lookups resolve, so a
 * failure fails the program (not the constructor) with the same ConfigError format.
 */
export function checkExistingNetwork(name: string, interfaceEndpoints: readonly string[], lookup: ExistingLookup): void {
    const fail = (field: string, value: unknown, allowed: string) => argError(COMPONENT, name, field, value, allowed);
    const tiers = [
        ["existingPrivateSubnetIds", lookup.privateSubnets],
        ["existingIsolatedSubnetIds", lookup.isolatedSubnets],
    ] as const;
    for (const [field, subnets] of tiers) {
        subnets.forEach((subnet, index) => {
            if (subnet.vpcId !== lookup.vpc.id) {
                throw fail(`${field}[${index}]`, subnet.id, `a subnet of ${lookup.vpc.id} ("existingVpcId"), but it belongs to ${subnet.vpcId}`);
            }
        });
        const zones = new Set(subnets.map((subnet) => subnet.availabilityZone));
        if (zones.size < 2) {
            throw fail(field, subnets.map((s) => s.id), `subnets in at least 2 Availability Zones, but all are in ${[...zones].join(", ")}`);
        }
    }
    if (interfaceEndpoints.length > 0 && !(lookup.vpc.enableDnsSupport && lookup.vpc.enableDnsHostnames)) {
        throw fail(
            "existingVpcId",
            lookup.vpc.id,
            "a VPC with DNS support and DNS hostnames enabled: the interface endpoints use private DNS",
        );
    }
}

/** One interface endpoint per AZ is all AWS accepts, so endpoints take the first listed subnet of each AZ. */
export function oneSubnetPerAz(subnets: readonly { id: string; availabilityZone: string }[]): string[] {
    const seen = new Set<string>();
    return subnets.filter((s) => !seen.has(s.availabilityZone) && seen.add(s.availabilityZone)).map((s) => s.id);
}

/** Which NAT slot serves the private route table of AZ slot `azIndex`: its own when there is one, else the first. */
export function natSlotFor(azIndex: number, natCount: number): number {
    return natCount === 0 ? -1 : azIndex < natCount ? azIndex : 0;
}

/** How many NATs a strategy builds for `azCount` AZs. */
export function natCountFor(args: Pick<ResolvedNetworkArgs, "natStrategy" | "natInstanceCount" | "azCount">): number {
    switch (args.natStrategy) {
        case "none":
            return 0;
        case "single":
            return 1;
        case "perAz":
            return args.azCount;
        case "instance":
            return args.natInstanceCount === "perAz" ? args.azCount : 1;
    }
}

const azSlot = (index: number): string => `az${index + 1}`;
const endpointSlug = (service: string): string => service.replace(/\./g, "-");

/** A route target in the private route table of one AZ. */
type NatTarget = { natGatewayId: pulumi.Output<string> } | { networkInterfaceId: pulumi.Output<string> };

/** The outputs either way of getting a VPC (building one or adopting one) produces. */
interface BuiltNetwork {
    vpcId: pulumi.Output<string>;
    vpcCidr: pulumi.Output<string>;
    publicSubnetIds: pulumi.Output<string[]>;
    privateSubnetIds: pulumi.Output<string[]>;
    isolatedSubnetIds: pulumi.Output<string[]>;
    privateRouteTableIds: pulumi.Output<string[]>;
    isolatedRouteTableIds: pulumi.Output<string[]>;
    endpointSecurityGroupId: pulumi.Output<string> | undefined;
}

interface Tiers {
    public: aws.ec2.Subnet[];
    private: aws.ec2.Subnet[];
    isolated: aws.ec2.Subnet[];
}

export class Network extends pulumi.ComponentResource {
    readonly vpcId: pulumi.Output<string>;
    readonly vpcCidr: pulumi.Output<string>;
    readonly publicSubnetIds: pulumi.Output<string[]>;
    readonly privateSubnetIds: pulumi.Output<string[]>;
    readonly isolatedSubnetIds: pulumi.Output<string[]>;
    readonly privateRouteTableIds: pulumi.Output<string[]>;
    readonly isolatedRouteTableIds: pulumi.Output<string[]>;
    /** The interface endpoints' security group; undefined when there are no interface endpoints. */
    readonly endpointSecurityGroupId: pulumi.Output<string> | undefined;
    readonly egress: NetworkEgress;

    private readonly name: string;
    private readonly args: ResolvedNetworkArgs;

    constructor(name: string, args: NetworkArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        // Checked before super() so that bad args register nothing at all, not even this component.
        const resolved = validateNetworkArgs(name, args);
        super("bulwark:network:Network", name, {}, opts);
        this.name = name;
        this.args = resolved;

        const built = resolved.existing ? this.adoptVpc(resolved.existing) : this.buildVpc();
        this.vpcId = built.vpcId;
        this.vpcCidr = built.vpcCidr;
        this.publicSubnetIds = built.publicSubnetIds;
        this.privateSubnetIds = built.privateSubnetIds;
        this.isolatedSubnetIds = built.isolatedSubnetIds;
        this.privateRouteTableIds = built.privateRouteTableIds;
        this.isolatedRouteTableIds = built.isolatedRouteTableIds;
        this.endpointSecurityGroupId = built.endpointSecurityGroupId;
        const natCount = resolved.existing ? 0 : natCountFor(resolved);
        this.egress = {
            strategy: resolved.existing ? "none" : resolved.natStrategy,
            natAzs: Array.from({ length: natCount }, (_, i) => azSlot(i)),
            interfaceEndpoints: [...resolved.interfaceEndpoints],
        };

        this.registerOutputs({
            vpcId: this.vpcId,
            vpcCidr: this.vpcCidr,
            publicSubnetIds: this.publicSubnetIds,
            privateSubnetIds: this.privateSubnetIds,
            isolatedSubnetIds: this.isolatedSubnetIds,
            privateRouteTableIds: this.privateRouteTableIds,
            isolatedRouteTableIds: this.isolatedRouteTableIds,
            // Registered only when it exists: an undefined output makes the engine warn.
            ...(this.endpointSecurityGroupId ? { endpointSecurityGroupId: this.endpointSecurityGroupId } : {}),
            egress: this.egress,
        });
    }

    private buildVpc(): BuiltNetwork {
        const azNames = this.lookUpAvailabilityZones();
        const vpc = this.createVpc();
        const tiers = this.createSubnets(vpc, azNames);
        const natTargets = this.createNat(vpc, tiers);
        const privateRouteTables = this.createPrivateRouting(vpc, tiers, natTargets);
        const isolatedRouteTables = this.createIsolatedRouting(vpc, tiers);
        this.createGatewayEndpoints(vpc, [...privateRouteTables, ...isolatedRouteTables]);
        const endpointSecurityGroupId = this.createInterfaceEndpoints(
            vpc.id,
            tiers.private.map((s) => s.id),
            this.args.subnetCidrs.private,
        );
        this.createFlowLogs(vpc);
        const ids = (resources: { id: pulumi.Output<string> }[]) => pulumi.all(resources.map((r) => r.id));
        return {
            vpcId: vpc.id,
            vpcCidr: vpc.cidrBlock.apply((cidr) => cidr!),
            publicSubnetIds: ids(tiers.public),
            privateSubnetIds: ids(tiers.private),
            isolatedSubnetIds: ids(tiers.isolated),
            privateRouteTableIds: ids(privateRouteTables),
            isolatedRouteTableIds: ids(isolatedRouteTables),
            endpointSecurityGroupId,
        };
    }

    private child(suffix: string): string {
        return `${this.name}-${suffix}`;
    }

    private tags(suffix: string, tier?: SubnetTier): Record<string, string> {
        return { ...this.args.tags, Name: this.child(suffix), ...(tier ? { [TIER_TAG]: tier } : {}) };
    }

    /** The first `azCount` available zones; fails the program naming azCount when the region has fewer. */
    private lookUpAvailabilityZones(): pulumi.Output<string[]> {
        const { azCount } = this.args;
        const zones = aws.getAvailabilityZonesOutput(
            // Local and Wavelength Zones need opting in and lack services; only regular AZs qualify.
            { state: "available", filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }] },
            { parent: this },
        );
        return zones.names.apply((names) => {
            if (names.length < azCount) {
                throw argError(COMPONENT, this.name, "azCount", azCount, `at most ${names.length}: the region has ${names.length} available AZs (${names.join(", ")})`);
            }
            return names.slice(0, azCount);
        });
    }

    private createVpc(): aws.ec2.Vpc {
        const vpc = new aws.ec2.Vpc(
            this.child("vpc"),
            { cidrBlock: this.args.cidr, enableDnsSupport: true, enableDnsHostnames: true, tags: this.tags("vpc") },
            { parent: this },
        );
        // Managing the default group with no rules strips the allow-all rules AWS puts in it, so nothing
        // that lands in it by accident can talk to anything.
        new aws.ec2.DefaultSecurityGroup(this.child("default-sg"), { vpcId: vpc.id, tags: this.tags("default-sg") }, { parent: this });
        return vpc;
    }

    private createSubnets(vpc: aws.ec2.Vpc, azNames: pulumi.Output<string[]>): Tiers {
        const { subnetCidrs, natStrategy } = this.args;
        const make = (tier: SubnetTier, cidrs: readonly string[]) =>
            cidrs.map((cidrBlock, i) => {
                const suffix = `${tier}-${azSlot(i)}`;
                return new aws.ec2.Subnet(
                    this.child(suffix),
                    {
                        vpcId: vpc.id,
                        cidrBlock,
                        availabilityZone: azNames[i],
                        // NAT instances and gateways carry Elastic IPs; nothing else gets a public address.
                        mapPublicIpOnLaunch: false,
                        tags: this.tags(suffix, tier),
                    },
                    { parent: this },
                );
            });
        return {
            // Without a NAT there is nothing for a public tier to hold, and no internet gateway to reach.
            public: natStrategy === "none" ? [] : make("public", subnetCidrs.public),
            private: make("private", subnetCidrs.private),
            isolated: make("isolated", subnetCidrs.isolated),
        };
    }

    private associate(suffix: string, routeTable: aws.ec2.RouteTable, subnet: aws.ec2.Subnet): void {
        new aws.ec2.RouteTableAssociation(this.child(suffix), { routeTableId: routeTable.id, subnetId: subnet.id }, { parent: this });
    }

    /** The internet gateway, the public route table, and one NAT per slot; returns each private AZ's route target. */
    private createNat(vpc: aws.ec2.Vpc, tiers: Tiers): NatTarget[] {
        const natCount = natCountFor(this.args);
        if (natCount === 0) return [];

        const internetGateway = new aws.ec2.InternetGateway(this.child("igw"), { vpcId: vpc.id, tags: this.tags("igw") }, { parent: this });
        const publicRouteTable = new aws.ec2.RouteTable(this.child("public-rt"), { vpcId: vpc.id, tags: this.tags("public-rt", "public") }, { parent: this });
        new aws.ec2.Route(
            this.child("public-internet"),
            { routeTableId: publicRouteTable.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: internetGateway.id },
            { parent: this },
        );
        tiers.public.forEach((subnet, i) => this.associate(`public-rta-${azSlot(i)}`, publicRouteTable, subnet));

        const publicSubnets = tiers.public.slice(0, natCount);
        if (this.args.natStrategy === "instance") return this.createNatInstances(vpc, publicSubnets, internetGateway);
        return publicSubnets.map((subnet, i) => {
            const slot = azSlot(i);
            const eip = new aws.ec2.Eip(this.child(`nat-eip-${slot}`), { domain: "vpc", tags: this.tags(`nat-eip-${slot}`) }, { parent: this });
            const gateway = new aws.ec2.NatGateway(
                this.child(`nat-${slot}`),
                { allocationId: eip.allocationId, subnetId: subnet.id, connectivityType: "public", tags: this.tags(`nat-${slot}`) },
                { parent: this, dependsOn: [internetGateway] },
            );
            return { natGatewayId: gateway.id };
        });
    }

    private createNatInstances(vpc: aws.ec2.Vpc, publicSubnets: aws.ec2.Subnet[], internetGateway: aws.ec2.InternetGateway): NatTarget[] {
        const { natInstanceType, natInstanceAmi, subnetCidrs } = this.args;
        const securityGroup = new aws.ec2.SecurityGroup(
            this.child("nat-sg"),
            { vpcId: vpc.id, description: "NAT instances: forward traffic from the private subnets only", tags: this.tags("nat-sg") },
            { parent: this },
        );
        subnetCidrs.private.forEach((cidr, i) => {
            new aws.vpc.SecurityGroupIngressRule(
                this.child(`nat-from-private-${azSlot(i)}`),
                {
                    securityGroupId: securityGroup.id,
                    ipProtocol: "-1",
                    cidrIpv4: cidr,
                    description: `All traffic from private subnet ${azSlot(i)}`,
                    tags: this.tags(`nat-from-private-${azSlot(i)}`),
                },
                { parent: this },
            );
        });
        new aws.vpc.SecurityGroupEgressRule(
            this.child("nat-to-internet"),
            // A NAT's job is to send the private subnets' traffic anywhere; what may leave is decided by
            // the security groups of the senders, not here.
            { securityGroupId: securityGroup.id, ipProtocol: "-1", cidrIpv4: "0.0.0.0/0", description: "Forwarded traffic to the internet", tags: this.tags("nat-to-internet") },
            { parent: this },
        );

        const ami = natInstanceAmi ?? aws.ssm.getParameterOutput({ name: amazonLinuxAmiParameter(natInstanceType) }, { parent: this }).value;
        const userData = natInstanceUserData(subnetCidrs.private);
        return publicSubnets.map((subnet, i) => {
            const slot = azSlot(i);
            // The route and the Elastic IP point at this interface, not at the instance, so replacing the
            // instance (new image, new boot script) keeps both; the address is attached before boot.
            const networkInterface = new aws.ec2.NetworkInterface(
                this.child(`nat-eni-${slot}`),
                { subnetId: subnet.id, securityGroups: [securityGroup.id], sourceDestCheck: false, description: `NAT instance ${slot}`, tags: this.tags(`nat-eni-${slot}`) },
                { parent: this },
            );
            const eip = new aws.ec2.Eip(
                this.child(`nat-eip-${slot}`),
                { domain: "vpc", networkInterface: networkInterface.id, tags: this.tags(`nat-eip-${slot}`) },
                { parent: this, dependsOn: [internetGateway] },
            );
            new aws.ec2.Instance(
                this.child(`nat-instance-${slot}`),
                {
                    ami,
                    instanceType: natInstanceType,
                    primaryNetworkInterface: { networkInterfaceId: networkInterface.id },
                    sourceDestCheck: false,
                    userData,
                    userDataReplaceOnChange: true,
                    metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
                    rootBlockDevice: { encrypted: true, volumeType: "gp3", deleteOnTermination: true },
                    // Burstable types default to "unlimited" credits, which bills sustained CPU; a NAT never needs it.
                    creditSpecification: { cpuCredits: "standard" },
                    tags: this.tags(`nat-instance-${slot}`),
                    volumeTags: this.tags(`nat-instance-${slot}`),
                },
                {
                    parent: this,
                    dependsOn: [eip],
                    // The interface can belong to one instance at a time.
                    deleteBeforeReplace: true,
                    ignoreChanges: natInstanceAmi === undefined ? ["ami"] : [],
                },
            );
            return { networkInterfaceId: networkInterface.id };
        });
    }

    private createPrivateRouting(vpc: aws.ec2.Vpc, tiers: Tiers, natTargets: NatTarget[]): aws.ec2.RouteTable[] {
        return tiers.private.map((subnet, i) => {
            const slot = azSlot(i);
            const routeTable = new aws.ec2.RouteTable(this.child(`private-rt-${slot}`), { vpcId: vpc.id, tags: this.tags(`private-rt-${slot}`, "private") }, { parent: this });
            this.associate(`private-rta-${slot}`, routeTable, subnet);
            const target = natTargets[natSlotFor(i, natTargets.length)];
            if (target) {
                new aws.ec2.Route(this.child(`private-internet-${slot}`), { routeTableId: routeTable.id, destinationCidrBlock: "0.0.0.0/0", ...target }, { parent: this });
            }
            return routeTable;
        });
    }

    private createIsolatedRouting(vpc: aws.ec2.Vpc, tiers: Tiers): aws.ec2.RouteTable[] {
        const routeTables = tiers.isolated.map((subnet, i) => {
            const slot = azSlot(i);
            const routeTable = new aws.ec2.RouteTable(this.child(`isolated-rt-${slot}`), { vpcId: vpc.id, tags: this.tags(`isolated-rt-${slot}`, "isolated") }, { parent: this });
            this.associate(`isolated-rta-${slot}`, routeTable, subnet);
            return routeTable;
        });
        // A second lock besides the routes: even a route added by hand later cannot carry traffic past the VPC.
        const acl = new aws.ec2.NetworkAcl(this.child("isolated-nacl"), { vpcId: vpc.id, tags: this.tags("isolated-nacl", "isolated") }, { parent: this });
        for (const egress of [false, true]) {
            const suffix = egress ? "isolated-nacl-out" : "isolated-nacl-in";
            new aws.ec2.NetworkAclRule(
                this.child(suffix),
                { networkAclId: acl.id, ruleNumber: 100, egress, protocol: "-1", ruleAction: "allow", cidrBlock: this.args.cidr },
                { parent: this },
            );
        }
        tiers.isolated.forEach((subnet, i) => {
            new aws.ec2.NetworkAclAssociation(this.child(`isolated-nacl-${azSlot(i)}`), { networkAclId: acl.id, subnetId: subnet.id }, { parent: this });
        });
        return routeTables;
    }

    private serviceName(service: string): pulumi.Output<string> {
        const region = aws.getRegionOutput({}, { parent: this }).region;
        return pulumi.interpolate`com.amazonaws.${region}.${service}`;
    }

    private createGatewayEndpoints(vpc: aws.ec2.Vpc, routeTables: aws.ec2.RouteTable[]): void {
        for (const service of GATEWAY_ENDPOINT_SERVICES) {
            new aws.ec2.VpcEndpoint(
                this.child(`${service}-endpoint`),
                {
                    vpcId: vpc.id,
                    serviceName: this.serviceName(service),
                    vpcEndpointType: "Gateway",
                    routeTableIds: routeTables.map((t) => t.id),
                    tags: this.tags(`${service}-endpoint`),
                },
                { parent: this },
            );
        }
    }

    /** Interface endpoints in the given subnets (one per AZ), reachable on 443 from the given ranges only. */
    private createInterfaceEndpoints(
        vpcId: pulumi.Input<string>,
        subnetIds: pulumi.Input<pulumi.Input<string>[]>,
        clientCidrs: readonly pulumi.Input<string>[],
    ): pulumi.Output<string> | undefined {
        const services = this.args.interfaceEndpoints;
        if (services.length === 0) return undefined;
        const securityGroup = new aws.ec2.SecurityGroup(
            this.child("endpoints-sg"),
            { vpcId, description: "Interface endpoints: HTTPS from the private subnets only", tags: this.tags("endpoints-sg") },
            { parent: this },
        );
        clientCidrs.forEach((cidrIpv4, i) => {
            new aws.vpc.SecurityGroupIngressRule(
                this.child(`endpoints-from-private-${azSlot(i)}`),
                {
                    securityGroupId: securityGroup.id,
                    ipProtocol: "tcp",
                    fromPort: 443,
                    toPort: 443,
                    cidrIpv4,
                    description: `HTTPS from private subnet ${azSlot(i)}`,
                    tags: this.tags(`endpoints-from-private-${azSlot(i)}`),
                },
                { parent: this },
            );
        });
        for (const service of services) {
            const suffix = `${endpointSlug(service)}-endpoint`;
            new aws.ec2.VpcEndpoint(
                this.child(suffix),
                {
                    vpcId,
                    serviceName: this.serviceName(service),
                    vpcEndpointType: "Interface",
                    subnetIds,
                    securityGroupIds: [securityGroup.id],
                    privateDnsEnabled: true,
                    tags: this.tags(suffix),
                },
                { parent: this },
            );
        }
        return securityGroup.id;
    }

    private accountScope(): pulumi.Output<AccountScope> {
        const opts = { parent: this };
        return pulumi
            .all([aws.getPartitionOutput({}, opts).partition, aws.getRegionOutput({}, opts).region, aws.getCallerIdentityOutput({}, opts).accountId])
            .apply(([partition, region, accountId]) => ({ partition, region, accountId }));
    }

    private createFlowLogs(vpc: aws.ec2.Vpc): void {
        const { flowLogRetentionDays, protect } = this.args;
        const scope = this.accountScope();
        const keyArn = this.args.logsKeyArn ?? this.createLogsKey(scope);
        const logGroup = new aws.cloudwatch.LogGroup(
            this.child("flow-logs"),
            { retentionInDays: flowLogRetentionDays, kmsKeyId: keyArn, tags: this.tags("flow-logs") },
            { parent: this, protect },
        );
        const role = new aws.iam.Role(
            this.child("flow-logs-role"),
            {
                description: `Lets VPC flow logs write to the ${this.name} flow log group`,
                assumeRolePolicy: scope.apply((s) => JSON.stringify(flowLogsTrustPolicy(s))),
                tags: this.tags("flow-logs-role"),
            },
            { parent: this },
        );
        const writePolicy = new aws.iam.RolePolicy(
            this.child("flow-logs-write"),
            { role: role.id, policy: logGroup.arn.apply((arn) => JSON.stringify(flowLogsWritePolicy(arn))) },
            { parent: this },
        );
        new aws.ec2.FlowLog(
            this.child("flow-log"),
            {
                vpcId: vpc.id,
                trafficType: "ALL",
                logDestinationType: "cloud-watch-logs",
                logDestination: logGroup.arn,
                iamRoleArn: role.arn,
                tags: this.tags("flow-log"),
            },
            { parent: this, dependsOn: [writePolicy] },
        );
    }

    private createLogsKey(scope: pulumi.Output<AccountScope>): pulumi.Output<string> {
        pulumi.log.warn(
            `"${this.name}" Network: no "logsKeyArn" was given, so it creates its own KMS key for flow logs (about $1 a month). ` +
                `Pass the security baseline's logsKeyArn so one key serves every log group.`,
            this,
        );
        const key = new aws.kms.Key(
            this.child("flow-logs-key"),
            {
                description: `Encrypts the ${this.name} VPC flow logs`,
                enableKeyRotation: true,
                deletionWindowInDays: 30,
                policy: scope.apply((s) => JSON.stringify(logsKeyPolicy(s))),
                tags: this.tags("flow-logs-key"),
            },
            { parent: this, protect: this.args.protect },
        );
        return key.arn;
    }

    /** Looks the VPC and subnets up, checks them once known, and adds only the interface endpoints. */
    private adoptVpc(existing: ExistingNetwork): BuiltNetwork {
        const opts = { parent: this };
        const lookup: pulumi.Output<ExistingLookup> = pulumi
            .all([
                aws.ec2.getVpcOutput({ id: existing.vpcId }, opts),
                pulumi.all(existing.privateSubnetIds.map((id) => aws.ec2.getSubnetOutput({ id }, opts))),
                pulumi.all(existing.isolatedSubnetIds.map((id) => aws.ec2.getSubnetOutput({ id }, opts))),
            ])
            .apply(([vpc, privateSubnets, isolatedSubnets]) => {
                const checked: ExistingLookup = { vpc, privateSubnets, isolatedSubnets };
                checkExistingNetwork(this.name, this.args.interfaceEndpoints, checked);
                return checked;
            });

        const vpcId = lookup.vpc.id;
        return {
            vpcId,
            vpcCidr: lookup.vpc.cidrBlock,
            publicSubnetIds: pulumi.output([]),
            privateSubnetIds: lookup.privateSubnets.apply((subnets) => subnets.map((s) => s.id)),
            isolatedSubnetIds: lookup.isolatedSubnets.apply((subnets) => subnets.map((s) => s.id)),
            privateRouteTableIds: pulumi.output([]),
            isolatedRouteTableIds: pulumi.output([]),
            endpointSecurityGroupId: this.createInterfaceEndpoints(
                vpcId,
                lookup.privateSubnets.apply(oneSubnetPerAz),
                existing.privateSubnetIds.map((_, i) => lookup.privateSubnets[i].cidrBlock),
            ),
        };
    }
}
