import { strict as assert } from "node:assert";
import { Plan, PlannedResource, isProviderType } from "../../tools/engine/model";
import { committedPlan, inputsOf, ofType, outputsOf } from "../helpers/plan";

/** The Region component a resource belongs to (its ancestor of type platform:region:Region). */
function regionAncestor(plan: Plan, resource: PlannedResource): string | undefined {
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  for (let current: PlannedResource | undefined = resource; current; current = current.parent ? byUrn.get(current.parent) : undefined) {
    if (current.type === "platform:region:Region") return current.name;
  }
  return undefined;
}

for (const stack of ["dev", "prod"] as const) {
  describe(`network and providers (${stack})`, () => {
    let plan: Plan;
    before(async () => {
      plan = await committedPlan(stack);
    });

    it("has one AWS provider per configured region, with the standard default tags", () => {
      const regions = ofType(plan, "platform:region:Region").map((r) => r.name);
      // The CDN's us-east-1 provider (for its certificate and WAF) is not a regional one.
      const providers = ofType(plan, "pulumi:providers:aws").filter((p) => regions.includes(p.name.replace(/^aws-/, "")));
      assert.deepEqual(providers.map((p) => inputsOf(p).region).sort(), [...regions].sort());
      for (const provider of providers) {
        // The SDK sends a provider's object inputs as JSON text, as the engine stores them.
        const tags = JSON.parse(inputsOf(provider).defaultTags).tags;
        assert.equal(tags.environment, stack);
        assert.equal(tags.region, inputsOf(provider).region);
        assert.equal(tags.stack, stack);
        assert.equal(tags["managed-by"], "pulumi");
        assert.ok(["us", "eu"].includes(tags["residency-zone"]));
      }
    });

    it("reaches AWS only through explicit regional providers, each resource in its own Region's region", () => {
      const awsResources = plan.resources.filter((r) => (r.custom || r.remote) && !isProviderType(r.type) && /^(aws|awsx):/.test(r.type));
      assert.ok(awsResources.length > 0);
      for (const resource of awsResources) {
        assert.ok(resource.provider && !resource.provider.includes("::default"), `${resource.urn} uses the default provider`);
        const region = regionAncestor(plan, resource);
        if (region !== undefined) assert.equal(resource.region, region, `${resource.urn} is in ${resource.region}, under Region ${region}`);
      }
    });

    it("builds one VPC per region with public, private and isolated subnets in every AZ", () => {
      const regions = ofType(plan, "platform:region:Region");
      const vpcs = ofType(plan, "awsx:ec2:Vpc");
      assert.equal(vpcs.length, regions.length);
      for (const vpc of vpcs) {
        const inputs = inputsOf(vpc);
        const azs: string[] = inputs.availabilityZoneNames;
        assert.equal(azs.length, stack === "prod" ? 3 : 2);
        assert.ok(azs.every((az) => az.startsWith(vpc.region!)));
        assert.deepEqual(
          inputs.subnetSpecs.map((s: { type: string }) => s.type),
          ["Private", "Public", "Isolated"],
        );
        for (const spec of inputs.subnetSpecs) assert.equal(spec.cidrBlocks.length, azs.length);
        const outputs = outputsOf(vpc);
        for (const key of ["publicSubnetIds", "privateSubnetIds", "isolatedSubnetIds"]) assert.equal(outputs[key].length, azs.length);
        assert.match(outputs.vpcId, /^vpc-[0-9a-f]{17}$/);
      }
    });

    it(`uses ${stack === "prod" ? "one NAT gateway per AZ" : "a single NAT gateway"} and an S3 gateway endpoint in the VPC's region`, () => {
      for (const vpc of ofType(plan, "awsx:ec2:Vpc")) {
        const inputs = inputsOf(vpc);
        assert.equal(inputs.natGateways.strategy, stack === "prod" ? "OnePerAz" : "Single");
        assert.deepEqual(inputs.vpcEndpointSpecs, [{ serviceName: `com.amazonaws.${vpc.region}.s3`, vpcEndpointType: "Gateway" }]);
      }
    });

    it("sends VPC flow logs of every VPC to a log group in its region", () => {
      const vpcs = ofType(plan, "awsx:ec2:Vpc");
      const flowLogs = ofType(plan, "aws:ec2/flowLog:FlowLog");
      assert.equal(flowLogs.length, vpcs.length);
      for (const flowLog of flowLogs) {
        const vpc = vpcs.find((v) => v.region === flowLog.region)!;
        const inputs = inputsOf(flowLog);
        assert.equal(inputs.vpcId, outputsOf(vpc).vpcId);
        assert.match(inputs.logDestination, new RegExp(`^arn:aws:logs:${flowLog.region}:\\d{12}:log-group:`));
        assert.equal(inputs.trafficType, stack === "prod" ? "ALL" : "REJECT");
      }
    });

    it("allocates non-overlapping VPC CIDRs from the stack's supernet", () => {
      const cidrs = ofType(plan, "awsx:ec2:Vpc").map((v) => inputsOf(v).cidrBlock as string);
      assert.equal(new Set(cidrs).size, cidrs.length);
      assert.ok(cidrs.every((c) => c.startsWith(stack === "prod" ? "10." : "10.1")));
    });
  });
}
