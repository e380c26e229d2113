/** ACM certificates with DNS validation, and Route 53 records and health checks. */
import { alnum, arn, hex, uuidV4 } from "../../engine/ids";
import { PRICING } from "../prices";
import { TAG_LIMITS } from "../rules";
import { api, registry, tf, tfDocs } from "../sources";
import { InputRule, TypeEntry, none } from "../types";

export const CERTIFICATE = "aws:acm/certificate:Certificate";
export const CERTIFICATE_VALIDATION = "aws:acm/certificateValidation:CertificateValidation";
export const DNS_RECORD = "aws:route53/record:Record";
export const HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";
export const HOSTED_ZONE = "aws:route53/zone:Zone";

const NO_TRIGGERS = none("holds no data; its ForceNew properties are not catalogued, so the diff shows its changes as updates");
const NO_DATA = none("DNS and certificate configuration: recreated from code");
const ROUTE53_CHANGES = "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-editing.html";
/** A DNS name: labels of 1-63 letters, digits or hyphens (a leading `*.` or `_` label allowed), 253 characters in all. */
const DOMAIN = /^(\*\.)?([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}\.?$/;

const domainNames = (sources: readonly string[]): InputRule => ({
  property: "domainName",
  rule: "domain names of at most 253 characters in labels of 1-63 letters, digits or hyphens; at most 10 subject alternative names by default",
  sources,
  check: (ctx) => {
    const names: unknown[] = [ctx.inputs.domainName, ...(ctx.inputs.subjectAlternativeNames ?? [])].filter((n) => n !== undefined);
    const problems = names.filter((n) => typeof n === "string" && (n.length > 253 || !DOMAIN.test(n))).map((n) => `"${n}"`);
    const sans = (ctx.inputs.subjectAlternativeNames ?? []).length;
    if (sans > 10) problems.push(`${sans} subject alternative names`);
    return problems;
  },
});

export const DNS_CERT_ENTRIES: readonly TypeEntry[] = [
  {
    type: CERTIFICATE,
    mock: (ctx) => {
      const id = uuidV4(ctx.urn);
      const certArn = arn("acm", ctx.region, `certificate/${id}`, ctx.account);
      const names: string[] = [ctx.inputs.domainName, ...(ctx.inputs.subjectAlternativeNames ?? [])];
      // ACM's validation record depends on the name and the account, not on the certificate.
      const domainValidationOptions = names.map((domainName) => ({
        domainName,
        resourceRecordName: `_${hex(`${ctx.account}/${domainName}`, 32)}.${domainName}.`,
        resourceRecordType: "CNAME",
        resourceRecordValue: `_${hex(`${ctx.account}/${domainName}/value`, 32)}.${alnum(domainName, 10, false)}.acm-validations.aws.`,
      }));
      return {
        id: certArn,
        outputs: {
          arn: certArn,
          domainName: ctx.inputs.domainName,
          domainValidationOptions,
          status: "PENDING_VALIDATION",
          type: "AMAZON_ISSUED",
        },
      };
    },
    mockSources: [registry(CERTIFICATE), "https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html"],
    validation: [
      domainNames([api("acm", "RequestCertificate"), "https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html"]),
      {
        property: "validationMethod",
        rule: "DNS, EMAIL or HTTP",
        sources: [api("acm", "RequestCertificate")],
        check: (ctx) =>
          ctx.inputs.validationMethod !== undefined && !["DNS", "EMAIL", "HTTP"].includes(ctx.inputs.validationMethod)
            ? `"${ctx.inputs.validationMethod}"`
            : undefined,
      },
      TAG_LIMITS,
    ],
    creation: { seconds: 10, source: tfDocs("acm_certificate") },
    price: none(`public certificates are free (${PRICING.acm})`),
    replacement: {
      replaceOn: ["domainName", "subjectAlternativeNames", "validationMethod", "keyAlgorithm"],
      sources: [tf("acm/certificate.go"), registry(CERTIFICATE)],
    },
    data: NO_DATA,
  },
  {
    type: CERTIFICATE_VALIDATION,
    mock: (ctx) => ({ id: "2026-11-24 00:00:00 +0000 UTC", outputs: { certificateArn: ctx.inputs.certificateArn } }),
    mockSources: [registry(CERTIFICATE_VALIDATION)],
    validation: [
      {
        property: "certificateArn",
        rule: "an ACM certificate ARN",
        sources: [tfDocs("acm_certificate_validation")],
        check: (ctx) =>
          typeof ctx.inputs.certificateArn === "string" && !/^arn:aws[a-z-]*:acm:/.test(ctx.inputs.certificateArn)
            ? `"${ctx.inputs.certificateArn}"`
            : undefined,
      },
    ],
    // DNS validation: issuance usually within minutes of the CNAME resolving.
    creation: { seconds: 300, source: "https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html" },
    price: none(`a wait, not a resource: no charge (${PRICING.acm})`),
    replacement: NO_TRIGGERS,
    data: NO_DATA,
  },
  {
    type: DNS_RECORD,
    mock: (ctx) => {
      const name = String(ctx.inputs.name).replace(/\.$/, "");
      const set = ctx.inputs.setIdentifier ? `_${ctx.inputs.setIdentifier}` : "";
      return { id: `${ctx.inputs.zoneId}_${name}_${ctx.inputs.type}${set}`, outputs: { name, fqdn: name } };
    },
    mockSources: [registry(DNS_RECORD)],
    validation: [
      {
        property: "aliases",
        rule: "a record is either an alias or has records and a TTL, not both; a routing policy needs a setIdentifier",
        sources: [api("Route53", "ResourceRecordSet"), tf("route53/record.go")],
        check: (ctx) => {
          const { aliases, records, ttl, setIdentifier } = ctx.inputs;
          const alias = Array.isArray(aliases) && aliases.length > 0;
          const problems: string[] = [];
          if (alias && (records !== undefined || ttl !== undefined)) problems.push("an alias with records or ttl");
          if (!alias && (!Array.isArray(records) || records.length === 0)) problems.push("neither an alias nor records");
          const routed = [
            "failoverRoutingPolicies",
            "latencyRoutingPolicies",
            "weightedRoutingPolicies",
            "geolocationRoutingPolicies",
          ].some((k) => Array.isArray(ctx.inputs[k]) && ctx.inputs[k].length > 0);
          if (routed && setIdentifier === undefined) problems.push("a routing policy without setIdentifier");
          return problems;
        },
      },
      {
        property: "name",
        rule: "a DNS name of at most 255 characters",
        sources: [api("Route53", "ResourceRecordSet")],
        check: (ctx) =>
          typeof ctx.inputs.name === "string" && ctx.inputs.name.length > 255 ? `${ctx.inputs.name.length} characters` : undefined,
      },
    ],
    // "Changes generally propagate to all Route 53 name servers within 60 seconds."
    creation: { seconds: 60, source: ROUTE53_CHANGES },
    price: none(`usage-priced only (queries), not part of the fixed floor: ${PRICING.route53}`),
    replacement: { replaceOn: ["name", "type", "zoneId", "setIdentifier"], sources: [tf("route53/record.go"), registry(DNS_RECORD)] },
    data: NO_DATA,
  },
  {
    type: HEALTH_CHECK,
    mock: (ctx) => {
      const id = uuidV4(ctx.urn);
      return { id, outputs: { arn: `arn:aws:route53:::healthcheck/${id}` } };
    },
    mockSources: [registry(HEALTH_CHECK)],
    validation: [
      {
        property: "requestInterval",
        rule: "a request interval of 10 or 30 seconds; a failure threshold of 1-10; a resource path of at most 255 characters",
        sources: [api("Route53", "HealthCheckConfig")],
        check: (ctx) => {
          const { requestInterval, failureThreshold, resourcePath } = ctx.inputs;
          const problems: string[] = [];
          if (requestInterval !== undefined && ![10, 30].includes(requestInterval)) problems.push(`interval ${requestInterval}`);
          if (failureThreshold !== undefined && (failureThreshold < 1 || failureThreshold > 10))
            problems.push(`failure threshold ${failureThreshold}`);
          if (typeof resourcePath === "string" && resourcePath.length > 255) problems.push(`a path of ${resourcePath.length} characters`);
          return problems;
        },
      },
      TAG_LIMITS,
    ],
    creation: { seconds: 10, source: tfDocs("route53_health_check") },
    price: none(`a few dollars a month per check, by type and options; not yet in the price book: ${PRICING.route53}`),
    replacement: NO_TRIGGERS,
    data: NO_DATA,
  },
  {
    type: HOSTED_ZONE,
    mock: none("not declared by the program: add a mock (and its validation) before declaring it"),
    mockSources: [registry(HOSTED_ZONE)],
    validation: none("not declared by the program: add a mock (and its validation) before declaring it"),
    creation: { seconds: 60, source: ROUTE53_CHANGES },
    price: none(`not declared by the program (${PRICING.route53})`),
    replacement: { replaceOn: ["name", "delegationSetId"], sources: [tf("route53/zone.go"), registry(HOSTED_ZONE)] },
    data: NO_DATA,
  },
];
