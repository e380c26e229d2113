import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { EdgeSettings } from "../config/tiers/edge";
import { validatedCertificate } from "./certificate";
import { originHostname, zoneOriginHostname } from "./edge-plan";
import { LoadBalancerController } from "./lb-controller";
import { LogBucket } from "./log-bucket";
import { ValidationRecords } from "./validation-records";

/** Managed prefix list of CloudFront's origin-facing addresses (one per region, same name everywhere). */
export const CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST = "com.amazonaws.global.cloudfront.origin-facing";
/** Header CloudFront adds to every origin request; the ALB forwards only requests carrying the secret. */
export const ORIGIN_VERIFY_HEADER = "X-Origin-Verify";
/** TLS 1.2+ (1.3 preferred), forward-secret ciphers only. */
const ALB_SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/**
 * Logical name of a region's ALB. Pulumi auto-names an ALB `<logical name>-<7 random chars>` and
 * fails `pulumi up` when that exceeds AWS's 32 characters, so the logical name may have at most 24
 * (`ap-southeast-1-origin-alb` has 25). Longer ones use `<region>-alb`: no such ALB can exist yet.
 */
export function albLogicalName(name: string, region: string): string {
  const preferred = `${name}-alb`;
  return preferred.length <= 24 ? preferred : `${region}-alb`;
}

/** The regional cluster the ALB's targets live in; absent until the cluster exists. */
export interface OriginCluster {
  readonly clusterName: pulumi.Input<string>;
  /** The controller's Pod Identity role trusts only this cluster's pods. */
  readonly clusterArn: pulumi.Input<string>;
  readonly kubernetesProvider: k8s.Provider;
  /**
   * Namespace of the application Service the ALB sends traffic to: the Namespace resource's
   * `metadata.name` output, so objects placed in it are created after it.
   */
  readonly namespace: pulumi.Input<string>;
  /** What the controller's pods need first: the system nodes, CoreDNS and the Pod Identity agent. */
  readonly addonsReady: readonly pulumi.Resource[];
}

/** The slice of the stack's edge settings one regional origin needs. */
export type RegionalOriginSettings = Pick<
  EdgeSettings,
  "domain" | "hostedZoneId" | "certificate" | "origin" | "logRetentionDays" | "loadBalancerControllerVersion"
>;

export interface RegionalOriginArgs {
  readonly region: string;
  /** Residency zone of the region; its certificate also covers the zone's hostname. */
  readonly zone: string;
  readonly vpcId: pulumi.Input<string>;
  /** Public subnets the internet-facing ALB lives in. */
  readonly publicSubnetIds: pulumi.Input<string[]>;
  /** Security group of the pods (the ALB's IP targets); it admits the ALB on the target port. */
  readonly workloadSecurityGroupId: pulumi.Input<string>;
  readonly accountId: pulumi.Input<string>;
  /** The edge settings an origin reads: domain and certificates, the app Service, log retention. */
  readonly settings: RegionalOriginSettings;
  /** ALB deletion protection and a log bucket that refuses deletion while holding logs. @default false */
  readonly protect?: boolean;
  /** Installs the AWS Load Balancer Controller and binds the target group to the app Service. @default none */
  readonly cluster?: OriginCluster;
  /**
   * Owner of the zone hostname's validation record, which the zone's regions share; required by
   * the acm-dns certificate strategy. @default none
   */
  readonly validationRecords?: ValidationRecords;
}

/**
 * The entry point of one region for the CDN: an internet-facing ALB in the public subnets that
 * admits only CloudFront's origin-facing addresses and (see `admitCdn`) requests carrying the CDN's
 * secret header, HTTPS with a certificate for origin.<region>.<domain> (HTTP when no domain is set), an
 * IP-mode target group the cluster's pods are registered into, and access logs in this region.
 */
export class RegionalOrigin extends pulumi.ComponentResource {
  public readonly loadBalancerArn: pulumi.Output<string>;
  public readonly loadBalancerDnsName: pulumi.Output<string>;
  /** Route 53 zone id of the ALB's DNS name (for alias records). */
  public readonly loadBalancerZoneId: pulumi.Output<string>;
  public readonly targetGroupArn: pulumi.Output<string>;
  public readonly securityGroupId: pulumi.Output<string>;
  /** The name CloudFront connects to: origin.<region>.<domain>, or the ALB's DNS name without a domain. */
  public readonly hostname: pulumi.Output<string>;
  public readonly protocol: "https" | "http";
  /** The ALB's only listener; it answers 403 unless a rule added by `admitCdn` matches. */
  public readonly listenerArn: pulumi.Output<string>;
  /** Alarm that is in ALARM while the target group has no healthy target (Route 53 health checks use it). */
  public readonly healthAlarmName: pulumi.Output<string>;
  public readonly accessLogBucket: pulumi.Output<string>;
  public readonly controller?: LoadBalancerController;

  private readonly originName: string;

  constructor(name: string, args: RegionalOriginArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:edge:RegionalOrigin", name, {}, opts);
    this.originName = name;
    const { settings, region } = args;
    const domain = settings.domain;
    this.protocol = domain !== undefined ? "https" : "http";
    const listenerPort = this.protocol === "https" ? 443 : 80;
    const targetPort = settings.origin.targetPort;

    const prefixList = aws.ec2.getManagedPrefixListOutput({ name: CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST }, { parent: this });
    const securityGroup = new aws.ec2.SecurityGroup(
      `${name}-alb-sg`,
      { vpcId: args.vpcId, description: `ALB of ${region}: CloudFront origin-facing addresses only`, tags: { Name: `${name}-alb-sg` } },
      { parent: this },
    );
    // One rule only: a prefix-list rule counts its max entries (about 55) against the 60-rule quota.
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-alb-from-cloudfront`,
      {
        securityGroupId: securityGroup.id,
        prefixListId: prefixList.id,
        ipProtocol: "tcp",
        fromPort: listenerPort,
        toPort: listenerPort,
        description: "CloudFront origin-facing addresses",
      },
      { parent: this },
    );
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-alb-to-pods`,
      {
        securityGroupId: securityGroup.id,
        referencedSecurityGroupId: args.workloadSecurityGroupId,
        ipProtocol: "tcp",
        fromPort: targetPort,
        toPort: targetPort,
        description: "Application pods (IP targets)",
      },
      { parent: this },
    );
    // Declared here rather than by the controller (TargetGroupBinding networking), so the
    // controller needs no permission to change security groups.
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-pods-from-alb`,
      {
        securityGroupId: args.workloadSecurityGroupId,
        referencedSecurityGroupId: securityGroup.id,
        ipProtocol: "tcp",
        fromPort: targetPort,
        toPort: targetPort,
        description: `Regional ALB (${name}) to the application pods`,
      },
      { parent: this },
    );

    const logs = new LogBucket(
      `${name}-alb-logs`,
      {
        writer: "alb",
        region,
        accountId: args.accountId,
        retentionDays: settings.logRetentionDays,
        protect: args.protect ?? false,
      },
      { parent: this },
    );

    const loadBalancer = new aws.lb.LoadBalancer(
      albLogicalName(name, region),
      {
        loadBalancerType: "application",
        internal: false,
        securityGroups: [securityGroup.id],
        subnets: args.publicSubnetIds,
        dropInvalidHeaderFields: true,
        enableDeletionProtection: args.protect ?? false,
        accessLogs: { bucket: logs.bucketName, prefix: "alb", enabled: true },
        tags: { Name: `${name}-alb` },
      },
      { parent: this, dependsOn: logs.ready },
    );
    const targetGroup = new aws.lb.TargetGroup(
      `${name}-tg`,
      {
        targetType: "ip",
        port: targetPort,
        protocol: "HTTP",
        vpcId: args.vpcId,
        deregistrationDelay: 30,
        healthCheck: { path: settings.origin.healthCheckPath, port: "traffic-port", protocol: "HTTP", matcher: "200-399" },
        tags: { Name: `${name}-tg` },
      },
      { parent: this },
    );

    let certificateArn: pulumi.Input<string> | undefined;
    if (domain !== undefined && settings.certificate.strategy === "acm-dns" && settings.hostedZoneId !== undefined) {
      if (args.validationRecords === undefined) {
        throw new Error(`${name}: the acm-dns certificate needs validationRecords, the owner of the zone hostname's validation record`);
      }
      const zoneHostname = zoneOriginHostname(args.zone, domain);
      certificateArn = validatedCertificate(
        `${name}-origin`,
        {
          domainName: originHostname(region, domain),
          subjectAlternativeNames: [zoneHostname],
          hostedZoneId: settings.hostedZoneId,
          shared: { names: [zoneHostname], records: args.validationRecords },
        },
        { parent: this },
      ).arn;
    } else if (domain !== undefined) {
      certificateArn = settings.certificate.originCertificateArns?.[region];
    }

    const listener = new aws.lb.Listener(
      `${name}-${this.protocol}`,
      {
        loadBalancerArn: loadBalancer.arn,
        port: listenerPort,
        protocol: this.protocol.toUpperCase(),
        ...(this.protocol === "https" ? { sslPolicy: ALB_SSL_POLICY, certificateArn } : {}),
        defaultActions: [
          { type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "403", messageBody: "Forbidden" } },
        ],
        tags: { Name: `${name}-${this.protocol}` },
      },
      { parent: this },
    );
    if (domain !== undefined && settings.hostedZoneId !== undefined) {
      new aws.route53.Record(
        `${name}-origin-dns`,
        {
          zoneId: settings.hostedZoneId,
          name: originHostname(region, domain),
          type: "A",
          aliases: [{ name: loadBalancer.dnsName, zoneId: loadBalancer.zoneId, evaluateTargetHealth: true }],
        },
        { parent: this },
      );
    }

    const alarm = new aws.cloudwatch.MetricAlarm(
      `${name}-no-healthy-targets`,
      {
        alarmDescription: `No healthy application target behind the ${region} ALB; Route 53 routes the zone's API away from ${region}`,
        namespace: "AWS/ApplicationELB",
        metricName: "HealthyHostCount",
        dimensions: { LoadBalancer: loadBalancer.arnSuffix, TargetGroup: targetGroup.arnSuffix },
        statistic: "Minimum",
        period: 60,
        evaluationPeriods: 2,
        threshold: 1,
        comparisonOperator: "LessThanThreshold",
        treatMissingData: "breaching",
        tags: { Name: `${name}-no-healthy-targets` },
      },
      { parent: this },
    );

    if (args.cluster !== undefined) {
      this.controller = new LoadBalancerController(
        `${name}-lbc`,
        {
          region,
          vpcId: args.vpcId,
          accountId: args.accountId,
          cluster: args.cluster,
          chartVersion: settings.loadBalancerControllerVersion,
          targetGroupArn: targetGroup.arn,
          service: { name: settings.origin.serviceName, port: settings.origin.servicePort },
        },
        { parent: this },
      );
    }

    this.loadBalancerArn = loadBalancer.arn;
    this.loadBalancerDnsName = loadBalancer.dnsName;
    this.loadBalancerZoneId = loadBalancer.zoneId;
    this.targetGroupArn = targetGroup.arn;
    this.securityGroupId = securityGroup.id;
    this.hostname = domain !== undefined ? pulumi.output(originHostname(region, domain)) : loadBalancer.dnsName;
    this.listenerArn = listener.arn;
    this.healthAlarmName = alarm.name;
    this.accessLogBucket = logs.bucketName;
    this.registerOutputs({
      loadBalancerDnsName: this.loadBalancerDnsName,
      hostname: this.hostname,
      targetGroupArn: this.targetGroupArn,
      securityGroupId: this.securityGroupId,
    });
    this.targetGroup = targetGroup;
  }

  private readonly targetGroup: aws.lb.TargetGroup;

  /**
   * Forwards requests carrying `header: value` to the application. The prefix list admits every
   * CloudFront distribution, not only ours: the secret header is what tells ours apart. Called by
   * the CDN (which owns the secret) once per region; the rule is this component's child.
   */
  public admitCdn(header: string, value: pulumi.Input<string>): aws.lb.ListenerRule {
    return new aws.lb.ListenerRule(
      `${this.originName}-from-cdn`,
      {
        listenerArn: this.listenerArn,
        priority: 10,
        actions: [{ type: "forward", targetGroupArn: this.targetGroup.arn }],
        conditions: [{ httpHeader: { httpHeaderName: header, values: [value] } }],
        tags: { Name: `${this.originName}-from-cdn` },
      },
      { parent: this },
    );
  }
}
