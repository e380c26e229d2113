import assert from "node:assert/strict";
import { ConfigError, deepMerge, resolvePlatformConfig } from "../../components/config";
import { committedConfig } from "../helpers/plan";

/** The problems `Pulumi.<stack>.yaml` would report with `edge` merged over its committed values. */
function edgeIssues(edge: Record<string, unknown>, stack: "dev" | "prod" = "prod"): string[] {
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(committedConfig(stack))) {
    if (key.startsWith("platform:")) values[key.slice("platform:".length)] = value;
  }
  values.edge = deepMerge(values.edge ?? {}, edge);
  try {
    resolvePlatformConfig({ stack, values });
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.issues.map((i) => `${i.path}: ${i.message}`);
  }
}

describe("edge config validation", () => {
  it("accepts the committed stacks", () => {
    assert.deepEqual(edgeIssues({}, "prod"), []);
    assert.deepEqual(edgeIssues({}, "dev"), []);
  });

  it("rejects an unknown price class", () => {
    assert.deepEqual(edgeIssues({ priceClass: "PriceClass_300" }), [
      'platform:edge.priceClass: must be one of PriceClass_100, PriceClass_200, PriceClass_All; got "PriceClass_300"',
    ]);
  });

  it("rejects a geo restriction that blocks a served zone's country", () => {
    assert.deepEqual(edgeIssues({ geoRestriction: { type: "blacklist", locations: ["RU", "DE"] } }), [
      'platform:edge.geoRestriction.locations[1]: "DE" is a country of residency zone "eu", which this stack serves (eu-west-1, eu-central-1); blocking it locks the zone\'s own users out',
    ]);
  });

  it("rejects an allow list that leaves a served zone out", () => {
    assert.deepEqual(edgeIssues({ geoRestriction: { type: "whitelist", locations: ["US", "CA"] } }), [
      'platform:edge.geoRestriction.locations: allows none of the countries of residency zone "eu" (AT, BE, BG, HR, CY, CZ, DK, EE, FI, FR, DE, GR, HU, IE, IT, LV, LT, LU, MT, NL, PL, PT, RO, SK, SI, ES, SE), which this stack serves (eu-west-1, eu-central-1)',
    ]);
    assert.deepEqual(edgeIssues({ geoRestriction: { type: "whitelist", locations: ["US", "IE"] } }), []);
  });

  it("rejects locations without a restriction type, and a restriction without locations", () => {
    assert.deepEqual(edgeIssues({ geoRestriction: { type: "none", locations: ["US"] } }), [
      'platform:edge.geoRestriction.locations: must be empty when type is "none", got US',
    ]);
    assert.deepEqual(edgeIssues({ geoRestriction: { type: "blacklist", locations: [] } }), [
      'platform:edge.geoRestriction.locations: must list at least one country when type is "blacklist"',
    ]);
  });

  it("rejects a domain without a certificate strategy", () => {
    assert.deepEqual(edgeIssues({ domain: "example.org" }, "dev"), [
      'platform:edge.certificate.strategy: domain "example.org" needs a certificate strategy: "acm-dns" (ACM certificates validated in hostedZoneId) or "existing" (cdnCertificateArn and originCertificateArns); got "none"',
    ]);
  });

  it("rejects acm-dns without a hosted zone, and a strategy or zone without a domain", () => {
    assert.deepEqual(edgeIssues({ domain: "example.org", certificate: { strategy: "acm-dns" } }, "dev"), [
      'platform:edge.hostedZoneId: is required when certificate.strategy is "acm-dns" (ACM validates the certificates through records in that zone)',
    ]);
    assert.deepEqual(edgeIssues({ hostedZoneId: "Z0123456789EXAMPLEABC", certificate: { strategy: "acm-dns" } }, "dev"), [
      'platform:edge.certificate.strategy: "acm-dns" needs edge.domain (the name the certificates cover); set a domain or use "none"',
      "platform:edge.hostedZoneId: needs edge.domain (the domain of the hosted zone)",
    ]);
  });

  it("checks existing certificates: the CDN's in us-east-1, one per region in that region", () => {
    const cert = (region: string) => `arn:aws:acm:${region}:111122223333:certificate/0b0e1a6c-1111-4222-8333-944445555666`;
    assert.deepEqual(
      edgeIssues(
        {
          domain: "example.org",
          certificate: {
            strategy: "existing",
            cdnCertificateArn: cert("eu-west-1"),
            originCertificateArns: { "us-east-1": cert("us-east-1"), "eu-west-1": cert("us-east-1") },
          },
        },
        "dev",
      ),
      [
        `platform:edge.certificate.cdnCertificateArn: must be in us-east-1 (CloudFront only uses certificates from there), got ${cert("eu-west-1")}`,
        `platform:edge.certificate.originCertificateArns.eu-west-1: must be a certificate in eu-west-1 (an ALB uses its own region's), got ${cert("us-east-1")}`,
      ],
    );
  });

  it("rejects a log zone the stack does not serve, and an API pattern without {zone}", () => {
    assert.deepEqual(edgeIssues({ logZone: "apac", apiPathPattern: "/api/*" }), [
      'platform:edge.logZone: must be a residency zone this stack serves (us, eu), got "apac"',
      'platform:edge.apiPathPattern: must start with "/" and contain "{zone}" (e.g. "/{zone}/api/*"), got "/api/*"',
    ]);
  });
});
