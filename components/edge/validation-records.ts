import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface ValidationRecordsArgs {
  /** Route 53 hosted zone holding the records. */
  readonly hostedZoneId: string;
  /** Route 53 is global; the records go through the stack's us-east-1 provider, whatever the regions. */
  readonly provider: aws.Provider;
}

/**
 * Owner of the ACM DNS validation records that several certificates need: ACM's validation CNAME
 * for a name is the same for every certificate of the account, so the regions of a residency zone
 * (whose certificates all cover `origin.<zone>.<domain>`) share one. Owned here, once, it outlives
 * any one region: removing a region no longer deletes the record its siblings renew with.
 * Records are declared on demand, by the first certificate asking for a name.
 */
export class ValidationRecords extends pulumi.ComponentResource {
  private readonly recordsName: string;
  private readonly hostedZoneId: string;
  private readonly provider: aws.Provider;
  private readonly records = new Map<string, aws.route53.Record>();

  constructor(name: string, args: ValidationRecordsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:edge:ValidationRecords", name, {}, opts);
    this.recordsName = name;
    this.hostedZoneId = args.hostedZoneId;
    this.provider = args.provider;
    this.registerOutputs({});
  }

  /**
   * The record validating `domain`. The first call declares it from `option` (any certificate's:
   * they are identical); later calls return it. `formerly` names the record this one replaces, the
   * first caller's own record from before the move (see the alias below).
   */
  public recordFor(
    domain: string,
    option: pulumi.Output<aws.types.output.acm.CertificateDomainValidationOption>,
    formerly?: pulumi.Alias,
  ): aws.route53.Record {
    const existing = this.records.get(domain);
    if (existing !== undefined) return existing;
    const record = new aws.route53.Record(
      `${this.recordsName}-${domain}`,
      {
        zoneId: this.hostedZoneId,
        name: option.resourceRecordName,
        type: option.resourceRecordType,
        records: [option.resourceRecordValue],
        ttl: 300,
      },
      {
        parent: this,
        provider: this.provider,
        // Moved here from the first region's certificate. The provider changed too, which replaces
        // the record: delete first, or deleting the old one would remove the new, same-named one.
        aliases: formerly !== undefined ? [formerly] : undefined,
        deleteBeforeReplace: true,
      },
    );
    this.records.set(domain, record);
    return record;
  }
}
