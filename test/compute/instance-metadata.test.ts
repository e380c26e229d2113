import { strict as assert } from "node:assert";
import { IMDS_FREE_COMPONENTS } from "../../components/cluster/instance-metadata";
import { committedPlan, inputsOf, ofType } from "../helpers/plan";

describe("compute: hop limit 1 keeps node credentials from pods, and every AWS client in the cluster copes", () => {
  it("every node source sets IMDSv2 with hop limit 1", async () => {
    const plan = await committedPlan("prod");
    for (const lt of ofType(plan, "aws:ec2/launchTemplate:LaunchTemplate")) {
      assert.deepEqual(
        { tokens: inputsOf(lt).metadataOptions.httpTokens, hops: inputsOf(lt).metadataOptions.httpPutResponseHopLimit },
        { tokens: "required", hops: 1 },
      );
    }
    for (const nc of ofType(plan, "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass")) {
      assert.equal(inputsOf(nc).spec.metadataOptions.httpPutResponseHopLimit, 1);
    }
  });

  it("each add-on and chart the plan installs has an entry saying how it reaches its region and credentials", async () => {
    for (const stack of ["dev", "prod"] as const) {
      const plan = await committedPlan(stack);
      const components = [
        ...ofType(plan, "aws:eks/addon:Addon").map((a) => String(inputsOf(a).addonName)),
        ...ofType(plan, "kubernetes:helm.sh/v3:Release").map((r) => String(inputsOf(r).chart).split("/").pop()!),
      ];
      for (const name of components) assert.ok(IMDS_FREE_COMPONENTS[name], `${stack}: ${name} has no entry in IMDS_FREE_COMPONENTS`);
    }
  });

  it("the EBS CSI driver keeps its default metadata sources (IMDS, then Kubernetes), and Karpenter gets its region", async () => {
    const plan = await committedPlan("dev");
    for (const addon of ofType(plan, "aws:eks/addon:Addon").filter((a) => inputsOf(a).addonName === "aws-ebs-csi-driver")) {
      assert.doesNotMatch(String(inputsOf(addon).configurationValues ?? ""), /metadataSources/);
    }
    for (const release of ofType(plan, "kubernetes:helm.sh/v3:Release").filter((r) => /karpenter$/.test(String(inputsOf(r).chart)))) {
      assert.ok((inputsOf(release).values.controller.env as { name: string }[]).some((e) => e.name === "AWS_REGION"));
    }
  });
});
