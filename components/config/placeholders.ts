import { isDocumentationBlock, parseCidr } from "../../policies/lib/cidr";
import type { PlatformConfig } from "./stack-config";

/**
 * Documentation placeholders left in a stack: names and numbers reserved for examples, which
 * plan fine offline but mean nothing (or someone else's resource) on AWS. Each becomes a notice
 * in the plan naming the key to set, so a copied stack does not reach `pulumi up` unnoticed.
 */

/** Domains reserved for documentation and testing (RFC 2606, RFC 6761). */
const EXAMPLE_DOMAIN = /(^|\.)(example\.(com|net|org)|example|test|invalid|localhost)$/i;
/** Account ids AWS's documentation uses in example ARNs. */
const EXAMPLE_ACCOUNTS = ["111122223333", "123456789012", "444455556666", "777788889999"];
/** Hosted zone ids written as examples (ours in the committed prod stack, and the schema's). */
const EXAMPLE_ZONE_ID = /EXAMPLE|^Z0123456789ABCDEFGHIJ$/i;

const exampleArn = (arn: string) => EXAMPLE_ACCOUNTS.includes(arn.split(":")[4] ?? "") || /EXAMPLE/i.test(arn);

export function placeholderNotices(platform: PlatformConfig): string[] {
  const notices: string[] = [];
  const add = (key: string, value: string, what: string) =>
    notices.push(`platform:${key} is ${JSON.stringify(value)}, ${what}: set the real value before the first pulumi up`);
  const { edge, observability } = platform;
  if (edge.domain !== undefined && EXAMPLE_DOMAIN.test(edge.domain)) {
    add("edge.domain", edge.domain, "a domain reserved for documentation (RFC 2606)");
  }
  if (edge.hostedZoneId !== undefined && EXAMPLE_ZONE_ID.test(edge.hostedZoneId)) {
    add("edge.hostedZoneId", edge.hostedZoneId, "an example hosted zone id");
  }
  observability.alertEmails.forEach((email, index) => {
    if (EXAMPLE_DOMAIN.test(email.split("@").pop() ?? "")) {
      add(`observability.alertEmails[${index}]`, email, "an address at a documentation domain, which nobody reads");
    }
  });
  const certificates = edge.certificate;
  if (certificates.cdnCertificateArn !== undefined && exampleArn(certificates.cdnCertificateArn)) {
    add("edge.certificate.cdnCertificateArn", certificates.cdnCertificateArn, "an example ARN");
  }
  for (const [region, arn] of Object.entries(certificates.originCertificateArns ?? {})) {
    if (exampleArn(arn)) add(`edge.certificate.originCertificateArns.${region}`, arn, "an example ARN");
  }
  platform.regions.forEach((region, index) => {
    region.cluster.adminRoleArns.forEach((arn, i) => {
      if (exampleArn(arn)) add(`regions[${index}].cluster.adminRoleArns[${i}]`, arn, "an example ARN from the AWS documentation");
    });
    region.cluster.publicAccessCidrs.forEach((text, i) => {
      const block = parseCidr(text);
      if (typeof block !== "string" && isDocumentationBlock(block)) {
        add(
          `regions[${index}].cluster.publicAccessCidrs[${i}]`,
          text,
          "a documentation address range (RFC 5737 / RFC 3849) that no network uses",
        );
      }
    });
  });
  return notices;
}
