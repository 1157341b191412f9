import { BulwarkPolicy } from "../../lib/rule";
import { enableAtRestEncryption } from "./enableAtRestEncryption";
import { enableBucketEncryption } from "./enableBucketEncryption";
import { enableEnvironmentEncryption } from "./enableEnvironmentEncryption";
import { enableKeyRotation } from "./enableKeyRotation";
import { enableLogGroupEncryption } from "./enableLogGroupEncryption";
import { enableQueueEncryption } from "./enableQueueEncryption";
import { enableSecretEncryption } from "./enableSecretEncryption";
import { enableTopicEncryption } from "./enableTopicEncryption";
import { enableTrailEncryption } from "./enableTrailEncryption";
import { enableTransitEncryption } from "./enableTransitEncryption";
import { enforceBucketTls } from "./enforceBucketTls";
import { enforceMessagingTls } from "./enforceMessagingTls";
import { enableStorageEncryption } from "./enableStorageEncryption";
import { enableTableEncryption } from "./enableTableEncryption";
import { enableRepositoryEncryption } from "./enableRepositoryEncryption";
import { enableVolumeEncryption } from "./enableVolumeEncryption";
import { enforceListenerHttps } from "./enforceListenerHttps";
import { configureListenerTlsPolicy } from "./configureListenerTlsPolicy";
import { enableSecretsEncryption } from "./enableSecretsEncryption";
import { enforceClassicListenerHttps } from "./enforceClassicListenerHttps";
import { enableFileSystemEncryption } from "./enableFileSystemEncryption";
import { enableStreamEncryption } from "./enableStreamEncryption";
import { enableDeliveryStreamEncryption } from "./enableDeliveryStreamEncryption";
import { enableClusterEncryption } from "./enableClusterEncryption";
import { enableDomainEncryption } from "./enableDomainEncryption";
import { enforceDomainHttps } from "./enforceDomainHttps";
import { configureDomainTlsPolicy } from "./configureDomainTlsPolicy";

/** Encryption at rest and in transit (mandatory). One rule a file beside this one (`<verb><Object>.ts`), listed here. */
export const encryptionRules: BulwarkPolicy[] = [
    enableAtRestEncryption,
    enableBucketEncryption,
    enableEnvironmentEncryption,
    enableKeyRotation,
    enableLogGroupEncryption,
    enableQueueEncryption,
    enableSecretEncryption,
    enableTopicEncryption,
    enableTrailEncryption,
    enableTransitEncryption,
    enforceBucketTls,
    enforceMessagingTls,
    enableStorageEncryption,
    enableTableEncryption,
    enableRepositoryEncryption,
    enableVolumeEncryption,
    enforceListenerHttps,
    configureListenerTlsPolicy,
    enableSecretsEncryption,
    enforceClassicListenerHttps,
    enableFileSystemEncryption,
    enableStreamEncryption,
    enableDeliveryStreamEncryption,
    enableClusterEncryption,
    enableDomainEncryption,
    enforceDomainHttps,
    configureDomainTlsPolicy,
];
