import type { ResourceValidationPolicy } from "@pulumi/policy";
import { effectiveTags, isRecord } from "../../lib/resources";

const ANYWHERE = ["0.0.0.0/0", "::/0"];

interface Config {
  /** The one path that may be open to the internet: the CDN's way in, marked by a tag. */
  readonly cdnPath: { readonly tagKey: string; readonly tagValue: string; readonly ports: readonly number[] };
}

interface Ingress {
  readonly where: string;
  readonly cidrs: string[];
  readonly protocol?: unknown;
  readonly fromPort?: number;
  readonly toPort?: number;
}

/** Protocols whose rules are limited by port (or ICMP type); AWS opens every port for any other, ports given or not. */
const PORTED_PROTOCOLS = ["tcp", "udp", "icmp", "icmpv6", "6", "17", "1", "58"];

function ingressesOf(type: string, props: Record<string, any>): Ingress[] {
  const cidrs = (...values: unknown[]) => values.flat().filter((v): v is string => typeof v === "string");
  switch (type) {
    case "aws:ec2/securityGroup:SecurityGroup":
      return (Array.isArray(props.ingress) ? props.ingress : []).filter(isRecord).map((rule: Record<string, any>, i: number) => ({
        where: `ingress[${i}]`,
        cidrs: cidrs(rule.cidrBlocks ?? [], rule.ipv6CidrBlocks ?? []),
        protocol: rule.protocol,
        fromPort: rule.fromPort,
        toPort: rule.toPort,
      }));
    case "aws:ec2/securityGroupRule:SecurityGroupRule":
      return props.type === "ingress"
        ? [
            {
              where: "cidrBlocks",
              cidrs: cidrs(props.cidrBlocks ?? [], props.ipv6CidrBlocks ?? []),
              protocol: props.protocol,
              fromPort: props.fromPort,
              toPort: props.toPort,
            },
          ]
        : [];
    case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
      return [
        {
          where: "cidrIpv4/cidrIpv6",
          cidrs: cidrs(props.cidrIpv4, props.cidrIpv6),
          protocol: props.ipProtocol,
          fromPort: props.fromPort,
          toPort: props.toPort,
        },
      ];
    default:
      return [];
  }
}

/**
 * No security group admits the whole internet, except the CDN path: rules (or groups) tagged
 * with `cdnPath.tagKey = cdnPath.tagValue` may open `cdnPath.ports`. Prefer CloudFront's managed
 * prefix list (com.amazonaws.global.cloudfront.origin-facing), which is not 0.0.0.0/0 at all.
 */
export const noOpenIngress: ResourceValidationPolicy = {
  name: "no-open-ingress",
  description: "Security groups admit no traffic from 0.0.0.0/0 or ::/0, except on the CDN path.",
  enforcementLevel: "mandatory",
  severity: "critical",
  configSchema: {
    properties: {
      cdnPath: {
        type: "object",
        description: "The tag that marks the CDN path's security group or rule, and the ports it may open to the internet.",
        properties: {
          tagKey: { type: "string", minLength: 1 },
          tagValue: { type: "string", minLength: 1 },
          ports: { type: "array", items: { type: "integer", minimum: 1, maximum: 65535 } },
        },
        required: ["tagKey", "tagValue", "ports"],
        additionalProperties: false,
        default: { tagKey: "ingress-path", tagValue: "cdn", ports: [443] },
      },
    },
  },
  validateResource: (args, reportViolation) => {
    const { cdnPath } = args.getConfig<Config>();
    const onCdnPath = effectiveTags(args)[cdnPath.tagKey] === cdnPath.tagValue;
    for (const ingress of ingressesOf(args.type, args.props)) {
      const open = ingress.cidrs.filter((c) => ANYWHERE.includes(c));
      if (open.length === 0) continue;
      const ported = PORTED_PROTOCOLS.includes(String(ingress.protocol).toLowerCase());
      const ports =
        !ported || ingress.fromPort === undefined ? undefined : { from: ingress.fromPort, to: ingress.toPort ?? ingress.fromPort };
      const cdnPorts = ports !== undefined && ports.from === ports.to && cdnPath.ports.includes(ports.from);
      if (onCdnPath && cdnPorts) continue;
      const range = ports === undefined ? "all ports" : ports.from === ports.to ? `port ${ports.from}` : `ports ${ports.from}-${ports.to}`;
      reportViolation(
        `${args.name} ${ingress.where} admits ${open.join(", ")} on ${range}; admit a security group or prefix list instead${onCdnPath ? ` (the CDN path may open only port ${cdnPath.ports.join(", ")})` : ""}.`,
      );
    }
  },
};
