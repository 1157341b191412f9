/**
 * The Network component's arguments: the documented args, their defaults, and the pure checks that run
 * before anything is registered (and, for an existing VPC, once its lookups resolve).
 */
import * as pulumi from "@pulumi/pulumi";
import { IPv4CidrRange } from "ip-num";
import { argError } from "../stacks/errors";
import { carveSubnets, cidrProblem, MAX_AZ_COUNT, SubnetCidrs } from "../stacks/subnets";
import {
    ENDPOINTS_REQUIRED_WITHOUT_NAT, INTERFACE_ENDPOINT_SERVICES, InterfaceEndpointService, LOG_RETENTION_DAYS,
    NAT_INSTANCE_COUNTS, NAT_INSTANCE_TYPES, NAT_STRATEGIES, NatInstanceCount, NatInstanceType, NatStrategy,
} from "../stacks/types";
export type SubnetTier = "public" | "private" | "isolated";

/** The tag the policy pack reads to know a subnet's or route table's tier. */
export const TIER_TAG = "bulwark:tier";

/** The component as error messages name it. */
export const COMPONENT = "Network";
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
