/** Where catalogue facts come from: URL builders for the sources every entry cites. */

/** hashicorp/terraform-provider-aws, which the Pulumi AWS provider is generated from (schema, validators, ForceNew). */
export const tf = (file: string): string => `https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/${file}`;

/** A file under terraform-provider-aws `internal/` outside the services (shared validators). */
export const tfInternal = (file: string): string => `https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/${file}`;

/** The Terraform registry page of a resource (its `#timeouts` section gives the create timeout). */
export const tfDocs = (resource: string): string =>
  `https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/${resource}`;

/** The Pulumi registry page of a resource type (inputs, outputs, formats). */
export function registry(type: string): string {
  const [pkg, module, member] = type.split(":");
  const [mod, name] = module.includes("/") ? module.split("/") : [module, member];
  const page = (mod === "index" ? "" : `${mod}/`) + name.toLowerCase();
  return `https://www.pulumi.com/registry/packages/${pkg}/api-docs/${page}/`;
}

/** pulumi/pulumi-aws provider mapping: auto-name lengths and transforms per resource. */
export const PULUMI_AWS_AUTONAMING = "https://github.com/pulumi/pulumi-aws/blob/master/provider/resources.go";
export const PULUMI_AWS_DEFAULT_AUTONAME = "https://github.com/pulumi/pulumi-aws/blob/master/provider/autonaming.go";

/** The AWS API reference page of an action, e.g. `api("AmazonRDS", "CreateDBInstance")`. */
export const api = (guide: string, action: string): string => `https://docs.aws.amazon.com/${guide}/latest/APIReference/API_${action}.html`;

export const AWS_TAGGING_LIMITS = "https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html";
