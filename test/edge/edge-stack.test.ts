import assert from "node:assert/strict";
import { MANAGED_POLICIES, READ_METHODS } from "../../components/edge/edge-plan";
import { Plan } from "../../tools/engine/model";
import { committedPlan, inputsOf, ofType, outputsOf } from "../helpers/plan";

const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const ALB = "aws:lb/loadBalancer:LoadBalancer";
const RECORD = "aws:route53/record:Record";
const EDGE_PROVIDER = /::pulumi:providers:aws::aws-edge-us-east-1$/;
const ZONES: Record<string, string> = { "us-east-1": "us", "us-west-2": "us", "eu-west-1": "eu", "eu-central-1": "eu" };

function distribution(plan: Plan): Record<string, any> {
  const found = ofType(plan, DISTRIBUTION);
  assert.equal(found.length, 1, "exactly one CloudFront distribution");
  return inputsOf(found[0]);
}
const regionsOf = (plan: Plan) => ofType(plan, ALB).map((r) => r.region!);
const albOf = (plan: Plan, region: string) => ofType(plan, ALB).find((r) => r.region === region)!;
const behaviours = (d: Record<string, any>): Record<string, any>[] => [
  ...d.orderedCacheBehaviors,
  { ...d.defaultCacheBehavior, pathPattern: "*" },
];

/** The ALB DNS names a Route 53 name resolves to (alias targets of its records). */
function aliasTargets(plan: Plan, name: string): string[] {
  return ofType(plan, RECORD)
    .map(inputsOf)
    .filter((r) => r.name === name)
    .map((r) => r.aliases[0].name);
}

/** Origin id -> the regions (by their ALBs) an origin's domain reaches. */
function originRegions(plan: Plan): Map<string, string[]> {
  const byDns = new Map(ofType(plan, ALB).map((r) => [outputsOf(r).dnsName as string, r.region!]));
  const result = new Map<string, string[]>();
  for (const origin of distribution(plan).origins) {
    const direct = byDns.get(origin.domainName);
    const targets = direct !== undefined ? [origin.domainName] : aliasTargets(plan, origin.domainName);
    result.set(
      origin.originId,
      targets.map((dns) => byDns.get(dns)!),
    );
  }
  return result;
}

for (const stack of ["prod", "dev"] as const) {
  describe(`edge: committed ${stack} plan`, () => {
    let plan: Plan;
    before(async () => {
      plan = await committedPlan(stack);
    });

    it("has one distribution whose origins are exactly the regions' ALBs (plus the zones' API hostnames)", () => {
      const origins = originRegions(plan);
      const regional = [...origins.entries()].filter(([id]) => id.startsWith("region-"));
      assert.deepEqual(
        regional.map(([id, regions]) => [id, regions]),
        regionsOf(plan).map((region) => [`region-${region}`, [region]]),
      );
      const api = [...origins.entries()].filter(([id]) => !id.startsWith("region-"));
      if (stack === "prod") {
        assert.deepEqual(
          api.map(([id, regions]) => [id, [...regions].sort()]),
          [
            ["api-us", ["us-east-1", "us-west-2"]],
            ["api-eu", ["eu-central-1", "eu-west-1"]],
          ],
        );
      } else assert.deepEqual(api, []);
    });

    it("fails over only within a residency zone, and never for writes", () => {
      const d = distribution(plan);
      const zoneOf = (originId: string) =>
        ZONES[originId.replace(/^region-/, "")] ??
        (stack === "dev" ? { "us-east-1": "us", "eu-west-1": "eu" }[originId.replace(/^region-/, "")] : undefined);
      assert.ok(d.originGroups.length === (stack === "prod" ? 2 : 0));
      for (const group of d.originGroups) {
        const zones = group.members.map((m: { originId: string }) => zoneOf(m.originId));
        assert.equal(group.members.length, 2);
        assert.equal(new Set(zones).size, 1, `${group.originId} members ${JSON.stringify(group.members)} share a zone`);
        assert.deepEqual(group.failoverCriteria.statusCodes, [500, 502, 503, 504]);
      }
      const groups = new Set(d.originGroups.map((g: { originId: string }) => g.originId));
      for (const b of behaviours(d)) {
        if (groups.has(b.targetOriginId)) {
          assert.ok(
            b.allowedMethods.every((m: string) => (READ_METHODS as readonly string[]).includes(m)),
            `${b.pathPattern} allows writes but targets ${b.targetOriginId}`,
          );
        }
      }
    });

    it("sends each zone's API paths, uncached and with all methods, only to that zone's regions", () => {
      const d = distribution(plan);
      const origins = originRegions(plan);
      const zones = [
        ...new Set(ofType(plan, ALB).map((r) => (stack === "prod" ? ZONES[r.region!] : r.region === "us-east-1" ? "us" : "eu"))),
      ];
      for (const zone of zones) {
        const api = d.orderedCacheBehaviors.filter((b: { pathPattern: string }) => b.pathPattern === `/${zone}/api/*`);
        assert.equal(api.length, 1, `one API behaviour for ${zone}`);
        const [b] = api;
        assert.equal(b.cachePolicyId, MANAGED_POLICIES.cachingDisabled);
        assert.equal(b.originRequestPolicyId, MANAGED_POLICIES.allViewerExceptHostHeader);
        assert.deepEqual([...b.allowedMethods].sort(), ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]);
        const reached = origins.get(b.targetOriginId)!;
        assert.ok(reached.length > 0);
        const zoneRegions = ofType(plan, ALB)
          .filter((r) => (stack === "prod" ? ZONES[r.region!] === zone : true))
          .map((r) => r.region!);
        for (const region of reached) assert.ok(zoneRegions.includes(region), `${b.pathPattern} reaches ${region}`);
        if (stack === "dev") assert.equal(reached.length, 1);
      }
      for (const b of behaviours(d).filter((x) => !String(x.pathPattern).includes("/api/"))) {
        assert.equal(b.cachePolicyId, MANAGED_POLICIES.cachingOptimized, b.pathPattern);
      }
    });

    it("redirects viewers to HTTPS with HTTP/2 and 3 and compression; price class, geo restriction and logging from config", () => {
      const d = distribution(plan);
      for (const b of behaviours(d)) {
        assert.equal(b.viewerProtocolPolicy, "redirect-to-https", b.pathPattern);
        assert.equal(b.compress, true);
      }
      assert.equal(d.httpVersion, "http2and3");
      assert.equal(d.priceClass, stack === "prod" ? "PriceClass_All" : "PriceClass_100");
      assert.deepEqual(d.restrictions, { geoRestriction: { restrictionType: "none", locations: [] } });
      // Standard logs go to a bucket in the home zone's first region (the first region's zone).
      const bucket = ofType(plan, "aws:s3/bucket:Bucket").find((r) => r.urn.includes("platform:edge:Cdn$"))!;
      assert.equal(bucket.region, "us-east-1");
      assert.equal(d.loggingConfig.bucket, `${outputsOf(bucket).bucket}.s3.amazonaws.com`);
    });

    it("uses the us-east-1 provider for the distribution, its certificate and its WAF", () => {
      const global = [
        ...ofType(plan, DISTRIBUTION),
        ...ofType(plan, "aws:wafv2/webAcl:WebAcl"),
        ...ofType(plan, "aws:acm/certificate:Certificate").filter((r) => r.urn.includes("platform:edge:Cdn$")),
      ];
      assert.equal(global.length, stack === "prod" ? 3 : 1);
      for (const r of global) {
        assert.match(r.provider!, EDGE_PROVIDER, r.urn);
        assert.equal(r.region, "us-east-1");
      }
      if (stack === "prod") {
        const acl = ofType(plan, "aws:wafv2/webAcl:WebAcl")[0];
        assert.equal(inputsOf(acl).scope, "CLOUDFRONT");
        const rules = inputsOf(acl).rules as { name: string; statement: Record<string, any> }[];
        assert.ok(rules.some((r) => r.statement.rateBasedStatement?.aggregateKeyType === "IP"));
        assert.ok(rules.filter((r) => r.statement.managedRuleGroupStatement?.vendorName === "AWS").length >= 2);
        assert.equal(distribution(plan).webAclId, outputsOf(acl).arn);
      } else assert.equal(distribution(plan).webAclId, undefined);
    });

    it("opens every ALB security group only to CloudFront's origin-facing prefix list", () => {
      const ingress = ofType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").map(inputsOf);
      const prefixLists = new Set<string>();
      for (const region of regionsOf(plan)) {
        const alb = inputsOf(albOf(plan, region));
        assert.equal(alb.internal, false);
        assert.equal(alb.securityGroups.length, 1);
        const rules = ingress.filter((r) => r.securityGroupId === alb.securityGroups[0]);
        assert.equal(rules.length, 1, `${region}: one ingress rule`);
        assert.match(rules[0].prefixListId, /^pl-[0-9a-f]{8}$/);
        if (region === "us-east-1") assert.equal(rules[0].prefixListId, "pl-3b927c52");
        prefixLists.add(rules[0].prefixListId);
        assert.equal(rules[0].cidrIpv4, undefined);
        assert.equal(rules[0].cidrIpv6, undefined);
        assert.equal(rules[0].referencedSecurityGroupId, undefined);
        assert.equal(rules[0].fromPort, stack === "prod" ? 443 : 80);
      }
      // Looked up through each region's provider: every region has its own list id.
      assert.equal(prefixLists.size, regionsOf(plan).length);
    });

    it("terminates TLS 1.2+ on the ALBs with a certificate for origin.<region> in prod; says what is weaker in dev", () => {
      const listeners = ofType(plan, "aws:lb/listener:Listener");
      assert.equal(listeners.length, regionsOf(plan).length);
      const notices = plan.outputs.notices as string[];
      if (stack === "prod") {
        const d = distribution(plan);
        assert.equal(d.viewerCertificate.minimumProtocolVersion, "TLSv1.2_2021");
        assert.equal(d.viewerCertificate.sslSupportMethod, "sni-only");
        assert.deepEqual(d.aliases, ["example.com"]);
        for (const origin of d.origins) assert.equal(origin.customOriginConfig.originProtocolPolicy, "https-only");
        for (const listener of listeners) {
          const i = inputsOf(listener);
          assert.equal(i.protocol, "HTTPS");
          assert.equal(i.sslPolicy, "ELBSecurityPolicy-TLS13-1-2-2021-06");
          const cert = ofType(plan, "aws:acm/certificate:Certificate").find((c) => outputsOf(c).arn === i.certificateArn)!;
          assert.equal(cert.region, listener.region);
          assert.equal(inputsOf(cert).domainName, `origin.${listener.region}.example.com`);
          assert.deepEqual(inputsOf(cert).subjectAlternativeNames, [`origin.${ZONES[listener.region!]}.example.com`]);
        }
        // Only the CDN-log residency exemption the stack declares (platform:edge.logZone) is printed.
        const edgeNotices = notices.filter((n) => n.startsWith("edge:"));
        assert.equal(edgeNotices.length, 1, "no other edge notice in prod");
        assert.match(edgeNotices[0], /^edge: residency exemption - CloudFront standard logs of viewers of zone\(s\) eu/);
      } else {
        assert.equal(distribution(plan).viewerCertificate.cloudfrontDefaultCertificate, true);
        for (const listener of listeners) assert.equal(inputsOf(listener).protocol, "HTTP");
        assert.ok(notices.some((n) => n.includes("no domain is configured") && n.includes("plain HTTP")));
        assert.ok(notices.some((n) => n.includes("no Route 53 hosted zone")));
      }
    });

    it("forwards only requests carrying the CDN's secret header, kept secret", () => {
      const rules = ofType(plan, "aws:lb/listenerRule:ListenerRule");
      assert.equal(rules.length, regionsOf(plan).length);
      const header = distribution(plan).origins[0].customHeaders[0];
      for (const rule of rules) {
        const condition = inputsOf(rule).conditions[0].httpHeader;
        assert.equal(condition.httpHeaderName, "X-Origin-Verify");
        assert.deepEqual(condition.values, [header.value]);
        assert.ok(!JSON.stringify(rule.inputs).includes(header.value), "the value is a secret in the plan");
      }
    });

    it("logs each ALB to a bucket in its own region that the ELB log delivery may write", () => {
      for (const region of regionsOf(plan)) {
        const alb = inputsOf(albOf(plan, region));
        assert.equal(alb.accessLogs.enabled, true);
        const bucket = ofType(plan, "aws:s3/bucket:Bucket").find((b) => outputsOf(b).bucket === alb.accessLogs.bucket)!;
        assert.equal(bucket.region, region);
        const policy = ofType(plan, "aws:s3/bucketPolicy:BucketPolicy").find((p) => inputsOf(p).bucket === alb.accessLogs.bucket)!;
        const statements = JSON.parse(inputsOf(policy).policy).Statement as { Principal?: { Service?: string } }[];
        assert.ok(statements.some((s) => s.Principal?.Service === "logdelivery.elasticloadbalancing.amazonaws.com"));
        assert.equal(alb.enableDeletionProtection, stack === "prod");
      }
    });

    it("binds each region's IP target group to the app Service through the Load Balancer Controller", () => {
      const bindings = ofType(plan, "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding");
      const groups = ofType(plan, "aws:lb/targetGroup:TargetGroup");
      assert.equal(bindings.length, regionsOf(plan).length);
      for (const group of groups) {
        assert.equal(inputsOf(group).targetType, "ip");
        const binding = bindings.find((b) => inputsOf(b).spec.targetGroupARN === outputsOf(group).arn);
        assert.ok(binding, `a binding for ${group.urn}`);
        assert.equal(inputsOf(binding!).spec.targetType, "ip");
      }
      const releases = ofType(plan, "kubernetes:helm.sh/v3:Release").filter((r) => inputsOf(r).chart === "aws-load-balancer-controller");
      assert.equal(releases.length, regionsOf(plan).length);
      for (const r of releases) {
        assert.equal(inputsOf(r).repositoryOpts.repo, "https://aws.github.io/eks-charts");
        // Not the v1 Endpoints API, deprecated since Kubernetes 1.33.
        assert.equal(inputsOf(r).values.enableEndpointSlices, true);
      }
      const associations = ofType(plan, "aws:eks/podIdentityAssociation:PodIdentityAssociation").filter(
        (a) => inputsOf(a).serviceAccount === "aws-load-balancer-controller",
      );
      assert.deepEqual(associations.map((a) => a.region).sort(), regionsOf(plan).sort());
    });

    if (stack === "prod") {
      it("routes each zone's hostname by latency over its own regions, with health checks, and aliases the CDN", () => {
        const records = ofType(plan, RECORD).map(inputsOf);
        const checks = ofType(plan, "aws:route53/healthCheck:HealthCheck");
        for (const zone of ["us", "eu"]) {
          const latency = records.filter((r) => r.name === `origin.${zone}.example.com`);
          assert.deepEqual(
            latency.map((r) => r.setIdentifier).sort(),
            Object.keys(ZONES)
              .filter((r) => ZONES[r] === zone)
              .sort(),
          );
          for (const r of latency) {
            assert.deepEqual(r.latencyRoutingPolicies, [{ region: r.setIdentifier }]);
            const check = checks.find((c) => outputsOf(c).arn.endsWith(r.healthCheckId))!;
            assert.equal(inputsOf(check).cloudwatchAlarmRegion, r.setIdentifier);
            assert.equal(r.aliases[0].name, outputsOf(albOf(plan, r.setIdentifier)).dnsName);
          }
        }
        const cdn = records.filter((r) => r.name === "example.com");
        assert.deepEqual(cdn.map((r) => r.type).sort(), ["A", "AAAA"]);
        for (const r of cdn) assert.equal(r.aliases[0].name, outputsOf(ofType(plan, DISTRIBUTION)[0]).domainName);
      });
    }
  });
}
