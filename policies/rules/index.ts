/**
 * Every policy of the pack, listed explicitly (no registry filled by import side effects). The
 * pack (policies/index.ts), the offline runner (tools/policy) and the tests all use this list;
 * test/policies/pack.test.ts checks that every rule file under rules/ is in it.
 */
import type { Policies } from "@pulumi/policy";
import { allowedInstanceFamilies } from "./governance/allowed-instance-families";
import { requiredTags } from "./governance/required-tags";
import { cacheGlobalDatastoreInZone } from "./residency/cache-global-datastore-in-zone";
import { cdnBehavioursInZone } from "./residency/cdn-behaviours-in-zone";
import { cdnLogsInViewerZone } from "./residency/cdn-logs-in-viewer-zone";
import { clusterObjectsInZone } from "./residency/cluster-objects-in-zone";
import { destinationsInZone } from "./residency/destinations-in-zone";
import { iamGrantsInZone } from "./residency/iam-grants-in-zone";
import { cdnOriginGroupsInOneZone } from "./residency/cdn-origin-groups-in-one-zone";
import { kmsKeyInResourceRegion } from "./residency/kms-key-in-resource-region";
import { logBucketsInZone } from "./residency/log-buckets-in-zone";
import { referencesInResidencyZone } from "./residency/references-in-residency-zone";
import { regionInResidencyZone } from "./residency/region-in-residency-zone";
import { residencyTypeKnown } from "./residency/residency-type-known";
import { s3ReplicationInZone } from "./residency/s3-replication-in-zone";
import { autoscalingBounds } from "./resilience/autoscaling-bounds";
import { backupRetention } from "./resilience/backup-retention";
import { deletionProtection } from "./resilience/deletion-protection";
import { multiAz } from "./resilience/multi-az";
import { cacheEncrypted } from "./security/cache-encrypted";
import { cloudfrontHttpsOnly } from "./security/cloudfront-https-only";
import { ebsEncrypted } from "./security/ebs-encrypted";
import { eksAdminsExplicit } from "./security/eks-admins-explicit";
import { eksEndpointRestricted } from "./security/eks-endpoint-restricted";
import { eksSecretsEncrypted } from "./security/eks-secrets-encrypted";
import { imdsv2Required } from "./security/imdsv2-required";
import { noOpenIngress } from "./security/no-open-ingress";
import { noPublicDatastores } from "./security/no-public-datastores";
import { podIdentityTrustScoped } from "./security/pod-identity-trust-scoped";
import { rdsEncrypted } from "./security/rds-encrypted";
import { rdsTlsRequired } from "./security/rds-tls-required";
import { sqsEncrypted } from "./security/sqs-encrypted";
import { sqsTlsOnly } from "./security/sqs-tls-only";
import { drReplicaPerZone } from "./stack/dr-replica-per-zone";
import { noOverlappingCidrs } from "./stack/no-overlapping-cidrs";
import { regionHasAllTiers } from "./stack/region-has-all-tiers";

export const POLICIES: Policies = [
  // Residency: data stays in its zone. Every type must be in the residency table first.
  residencyTypeKnown,
  regionInResidencyZone,
  referencesInResidencyZone,
  kmsKeyInResourceRegion,
  s3ReplicationInZone,
  cacheGlobalDatastoreInZone,
  cdnOriginGroupsInOneZone,
  logBucketsInZone,
  destinationsInZone,
  clusterObjectsInZone,
  iamGrantsInZone,
  cdnBehavioursInZone,
  cdnLogsInViewerZone,
  // Security: encrypted, private.
  rdsEncrypted,
  rdsTlsRequired,
  cacheEncrypted,
  sqsEncrypted,
  sqsTlsOnly,
  ebsEncrypted,
  eksSecretsEncrypted,
  eksEndpointRestricted,
  eksAdminsExplicit,
  podIdentityTrustScoped,
  noPublicDatastores,
  noOpenIngress,
  imdsv2Required,
  cloudfrontHttpsOnly,
  // Resilience.
  backupRetention,
  multiAz,
  deletionProtection,
  autoscalingBounds,
  // Governance.
  requiredTags,
  allowedInstanceFamilies,
  // Whole stack.
  regionHasAllTiers,
  drReplicaPerZone,
  noOverlappingCidrs,
];
