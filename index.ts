import { loadPlatformConfig } from "./components/config";
import { regionalProvider } from "./components/region/provider";
import { Region } from "./components/region/region";

/**
 * The platform: stack config -> one provider and one Region per configured AWS region ->
 * cross-region links -> the global edge -> stack outputs. The same program runs under
 * `pulumi up` and under the offline plan (tools/engine).
 */
export = async () => {
  const platform = loadPlatformConfig();

  const regions = platform.regions.map(
    (region) =>
      new Region(region.region, {
        platform,
        region,
        provider: regionalProvider(platform, region.region, region.zone),
      }),
  );

  // Section: cross-region links (DR replicas sourced from another region of the same zone).

  // Section: global edge (CloudFront, WAF and certificate through a us-east-1 provider; Route 53).

  /** Plain statements of what this stack's configuration leaves weaker, printed by every plan. */
  const notices: string[] = [];

  return {
    environment: platform.environment,
    regions: Object.fromEntries(regions.map((region) => [region.regionName, region.exports()])),
    notices,
  };
};
