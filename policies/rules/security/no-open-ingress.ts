import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { Cidr, formatShare, openness, parseCidr } from "../../lib/cidr";
import { effectiveTags, isRecord } from "../../lib/resources";
import { maxPublicSharePercentSchema } from "../../lib/settings";

interface Config {
  /** The one path that may be open to the internet: the CDN's way in, marked by a tag. */
  readonly cdnPath: { readonly tagKey: string; readonly tagValue: string; readonly ports: readonly number[] };
  readonly maxPublicSharePercent: number;
}

const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
const FULL = { from: 0, to: 65535 } as const;

/** One ingress rule: where it sits, the group it opens, what it admits. */
interface Ingress {
  readonly resource: PolicyResource;
  readonly where: string;
  /** The security group the rule belongs to: its URN when the engine links it, else its id. */
  readonly group: string;
  readonly texts: readonly string[];
  /** "all" for every protocol (-1); tcp, udp, icmp, icmpv6, or another protocol number. */
  readonly protocol: string;
  readonly ports: { readonly from: number; readonly to: number };
}

const PROTOCOL_NAMES: Record<string, string> = { "-1": "all", all: "all", "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6" };
/** Protocols whose rules are limited by port (or ICMP type); AWS opens every port for any other, ports given or not. */
const PORTED = ["tcp", "udp", "icmp", "icmpv6"];

function ingressesOf(resource: PolicyResource): Ingress[] {
  const props = resource.props;
  const texts = (...values: unknown[]) => values.flat().filter((v): v is string => typeof v === "string" && v !== "");
  const groupOf = (property: string, value: unknown) =>
    resource.propertyDependencies[property]?.find((d) => d.type === SECURITY_GROUP)?.urn ??
    (typeof value === "string" ? value : resource.urn);
  const rule = (where: string, group: string, cidrs: string[], protocol: unknown, fromPort: unknown, toPort: unknown): Ingress => {
    const name = PROTOCOL_NAMES[String(protocol).toLowerCase()] ?? String(protocol).toLowerCase();
    const from = typeof fromPort === "number" ? fromPort : undefined;
    const to = typeof toPort === "number" ? toPort : from;
    // ICMP type -1 means every type; a port range given for another protocol is ignored by AWS.
    const ported = PORTED.includes(name) && from !== undefined && from >= 0 && to !== undefined && to >= 0;
    return { resource, where, group, texts: cidrs, protocol: name, ports: ported ? { from, to } : FULL };
  };
  switch (resource.type) {
    case SECURITY_GROUP:
      return (Array.isArray(props.ingress) ? props.ingress : [])
        .filter(isRecord)
        .map((r: Record<string, any>, i: number) =>
          rule(`ingress[${i}]`, resource.urn, texts(r.cidrBlocks ?? [], r.ipv6CidrBlocks ?? []), r.protocol, r.fromPort, r.toPort),
        );
    case "aws:ec2/securityGroupRule:SecurityGroupRule":
      return props.type === "ingress"
        ? [
            rule(
              "cidrBlocks",
              groupOf("securityGroupId", props.securityGroupId),
              texts(props.cidrBlocks ?? [], props.ipv6CidrBlocks ?? []),
              props.protocol,
              props.fromPort,
              props.toPort,
            ),
          ]
        : [];
    case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
      return [
        rule(
          "cidrIpv4/cidrIpv6",
          groupOf("securityGroupId", props.securityGroupId),
          texts(props.cidrIpv4, props.cidrIpv6),
          props.ipProtocol,
          props.fromPort,
          props.toPort,
        ),
      ];
    default:
      return [];
  }
}

function rangeText(protocol: string, from: number, to: number): string {
  if (protocol === "all") return "every protocol and port";
  if (from === FULL.from && to === FULL.to) return `${protocol}, all ports`;
  return from === to ? `${protocol} port ${from}` : `${protocol} ports ${from}-${to}`;
}

/**
 * No security group admits the internet, except on the CDN path. "The internet" is measured, not
 * spelled: the CIDRs of every rule of a group that admit a protocol and port are summed, and more
 * than `maxPublicSharePercent` of the public IPv4 or IPv6 space counts as open, so 0.0.0.0/1 +
 * 128.0.0.0/1 (in one rule or in two) is refused like 0.0.0.0/0. Rules tagged
 * `cdnPath.tagKey = cdnPath.tagValue` may open `cdnPath.ports`; prefer CloudFront's managed prefix
 * list (com.amazonaws.global.cloudfront.origin-facing), which is no CIDR at all.
 */
export const noOpenIngress: StackValidationPolicy = {
  name: "no-open-ingress",
  description: "Security groups admit no traffic from the internet (however the CIDRs are split), except on the CDN path.",
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
      maxPublicSharePercent: maxPublicSharePercentSchema,
    },
  },
  validateStack: (args, reportViolation) => {
    const { cdnPath, maxPublicSharePercent } = args.getConfig<Config>();
    const groups = new Map<string, { ingress: Ingress; blocks: Cidr[] }[]>();
    for (const resource of args.resources) {
      const onCdnPath = effectiveTags(resource)[cdnPath.tagKey] === cdnPath.tagValue;
      for (const ingress of ingressesOf(resource)) {
        const blocks: Cidr[] = [];
        for (const text of ingress.texts) {
          const parsed = parseCidr(text);
          // Fail closed: a block the pack cannot read is not known to be narrow.
          if (typeof parsed === "string") reportViolation(`${resource.name} ${ingress.where}: ${parsed}.`, resource.urn);
          else blocks.push(parsed);
        }
        const cdnPorts = ingress.ports.from === ingress.ports.to && cdnPath.ports.includes(ingress.ports.from);
        if (blocks.length === 0 || (onCdnPath && cdnPorts)) continue;
        groups.set(ingress.group, [...(groups.get(ingress.group) ?? []), { ingress, blocks }]);
      }
    }
    for (const [group, entries] of groups) {
      const named = args.resources.find((r) => r.urn === group)?.name ?? group;
      for (const finding of openRanges(entries, maxPublicSharePercent)) {
        const through = finding.entries.map((e) => `${e.ingress.resource.name} ${e.ingress.where} (${e.ingress.texts.join(", ")})`);
        const cdnHint = finding.entries.some((e) => effectiveTags(e.ingress.resource)[cdnPath.tagKey] === cdnPath.tagValue)
          ? ` (the CDN path may open only port ${cdnPath.ports.join(", ")})`
          : "";
        reportViolation(
          `security group ${named} admits ${formatShare(finding.ipv4)} of the public IPv4 and ${formatShare(finding.ipv6)} of the public IPv6 internet on ${finding.range}, more than the ${maxPublicSharePercent}% allowed, through ${through.join("; ")}; admit a security group or prefix list instead${cdnHint}.`,
          finding.entries[0].ingress.resource.urn,
        );
      }
    }
  },
};

interface OpenRange {
  readonly range: string;
  readonly ipv4: number;
  readonly ipv6: number;
  readonly entries: readonly { ingress: Ingress; blocks: Cidr[] }[];
}

/**
 * The protocol and port ranges of one group that its rules together open to the internet: for
 * each protocol, the ports are cut where any rule's range starts or ends, and each piece sums the
 * CIDRs of the rules covering it (rules for every protocol count for each).
 */
function openRanges(entries: readonly { ingress: Ingress; blocks: Cidr[] }[], maxPublicSharePercent: number): OpenRange[] {
  const everything = entries.filter((e) => e.ingress.protocol === "all");
  const allOpen = openness(
    everything.flatMap((e) => e.blocks),
    maxPublicSharePercent,
  );
  if (allOpen.open) return [{ range: rangeText("all", FULL.from, FULL.to), ipv4: allOpen.ipv4, ipv6: allOpen.ipv6, entries: everything }];
  const found: OpenRange[] = [];
  for (const protocol of new Set(entries.map((e) => e.ingress.protocol).filter((p) => p !== "all"))) {
    const relevant = entries.filter((e) => e.ingress.protocol === protocol || e.ingress.protocol === "all");
    const cuts = [...new Set(relevant.flatMap((e) => [e.ingress.ports.from, e.ingress.ports.to + 1]))].sort((a, b) => a - b);
    let run: (OpenRange & { from: number; to: number; key: string }) | undefined;
    const flush = () => {
      if (run !== undefined) found.push({ ...run, range: rangeText(protocol, run.from, run.to) });
    };
    for (let i = 0; i + 1 < cuts.length; i++) {
      const [from, to] = [cuts[i], cuts[i + 1] - 1];
      const covering = relevant.filter((e) => e.ingress.ports.from <= from && e.ingress.ports.to >= to);
      const open = openness(
        covering.flatMap((e) => e.blocks),
        maxPublicSharePercent,
      );
      const key = covering.map((e) => `${e.ingress.resource.urn}#${e.ingress.where}`).join("|");
      if (open.open && run !== undefined && run.key === key && run.to + 1 === from) run = { ...run, to };
      else if (open.open) {
        flush();
        run = { range: "", ipv4: open.ipv4, ipv6: open.ipv6, entries: covering, from, to, key };
      }
    }
    flush();
  }
  return found;
}
