import { resourceRule } from "../../lib/rule";
import { asString, get, isUnknown } from "../../lib/values";

export const DOMAIN_TYPES = ["aws:opensearch/domain:Domain", "aws:elasticsearch/domain:Domain"];

export const enableDomainEncryption = resourceRule({
    name: "opensearch-enable-domain-encryption",
    category: "encryption",
    description: "OpenSearch domains must encrypt data at rest and between nodes, at rest with a customer managed key in the strict profile.",
    what: "OpenSearch (and legacy Elasticsearch) Domains without encryptAtRest.enabled: true, or without nodeToNodeEncryption.enabled: true. CreateDomain leaves both off when the blocks are absent (the console turns them on); at-rest encryption uses the aws/es key unless kmsKeyId names another.",
    why: "Without at-rest encryption the indices, swap and automated snapshots sit in clear; without node-to-node encryption, documents and queries cross the VPC between data nodes in plain HTTP, and fine-grained access control cannot be enabled at all.",
    fix: "Set encryptAtRest: { enabled: true } (kmsKeyId optional) and nodeToNodeEncryption: { enabled: true }; both need OpenSearch or Elasticsearch 6.0+, and turning them on for an existing domain triggers a blue/green deployment.",
    frameworks: { fsbp: ["Opensearch.1", "Opensearch.3"], soc2: ["CC6.1", "CC6.7"], gdpr: ["32(1)(a)"] },
    awsDefault: "CreateDomain leaves encryption at rest and node-to-node encryption off when not asked (the console turns both on) (no change announced; checked against AWS and @pulumi/aws 7.48 documentation, December 2026).",
    hardening: "at-rest encryption without kmsKeyId (the aws/es key)",
    types: DOMAIN_TYPES,
    validate(resource, report) {
        const atRest = get(resource.props, "encryptAtRest", "enabled");
        if (atRest !== true && !isUnknown(atRest)) report("Set encryptAtRest: { enabled: true }: the domain's indices and snapshots are stored in clear.");
        const key = get(resource.props, "encryptAtRest", "kmsKeyId");
        if (atRest === true && !isUnknown(key) && (asString(key) ?? "").trim() === "") {
            report("Set encryptAtRest.kmsKeyId to a customer managed KMS key: the AWS managed aws/es key decrypts for every principal of the account.", { hardening: true });
        }
        const nodeToNode = get(resource.props, "nodeToNodeEncryption", "enabled");
        if (nodeToNode !== true && !isUnknown(nodeToNode)) report("Set nodeToNodeEncryption: { enabled: true }: data crosses the network between the domain's nodes in clear.");
    },
});
