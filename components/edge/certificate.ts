import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ValidationRecords } from "./validation-records";

export interface ValidatedCertificateArgs {
  /** The certificate's primary name. */
  readonly domainName: string;
  /** Further names the certificate covers. @default none */
  readonly subjectAlternativeNames?: readonly string[];
  /** Route 53 hosted zone holding the validation records. */
  readonly hostedZoneId: string;
  /**
   * Names other certificates cover too (a zone's hostname), whose validation record `records` owns;
   * the certificate waits on it. @default none: this certificate owns the records of all its names
   */
  readonly shared?: { readonly names: readonly string[]; readonly records: ValidationRecords };
}

/**
 * An ACM certificate validated through DNS records in a Route 53 zone. Returns the ARN once ACM has
 * issued it (a CloudFront distribution or HTTPS listener rejects a pending certificate). The region
 * is the provider's: pass `provider` (CloudFront: us-east-1) or a `parent` whose provider applies.
 */
export function validatedCertificate(
  name: string,
  args: ValidatedCertificateArgs,
  opts: pulumi.CustomResourceOptions,
): { certificate: aws.acm.Certificate; arn: pulumi.Output<string> } {
  const names = [args.domainName, ...(args.subjectAlternativeNames ?? [])];
  const certificate = new aws.acm.Certificate(
    `${name}-cert`,
    {
      domainName: args.domainName,
      subjectAlternativeNames: args.subjectAlternativeNames ? [...args.subjectAlternativeNames] : undefined,
      validationMethod: "DNS",
      keyAlgorithm: "EC_prime256v1",
      tags: { Name: args.domainName },
    },
    opts,
  );
  // One record per name, known when the program runs (validation options are only known after
  // creation). Each record has one owner: this certificate, or `shared` for a name other
  // certificates cover too (ACM's record for a name is the same in every region and certificate).
  const records = names.map((domain, index) => {
    const option = certificate.domainValidationOptions.apply((options) => {
      const found = options.find((o) => o.domainName === domain);
      if (!found) throw new Error(`ACM returned no validation record for ${domain}`);
      return found;
    });
    const recordName = `${name}-cert-validation-${index}`;
    if (args.shared?.names.includes(domain)) {
      return args.shared.records.recordFor(domain, option, { name: recordName, parent: opts.parent });
    }
    return new aws.route53.Record(
      recordName,
      {
        zoneId: args.hostedZoneId,
        name: option.resourceRecordName,
        type: option.resourceRecordType,
        records: [option.resourceRecordValue],
        ttl: 300,
      },
      opts,
    );
  });
  const validation = new aws.acm.CertificateValidation(
    `${name}-cert-validation`,
    { certificateArn: certificate.arn, validationRecordFqdns: records.map((r) => r.fqdn) },
    opts,
  );
  return { certificate, arn: validation.certificateArn };
}
