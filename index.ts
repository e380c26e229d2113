import { loadPlatformConfig } from "./components/config";
import { regionalProvider } from "./components/region/provider";
import { Region } from "./components/region/region";

/**
 * The platform: stack config -> one provider and one Region per configured AWS region -> the
 * global edge -> stack outputs. The same program runs under `pulumi up` and the offline plan.
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

  return {
    environment: platform.environment,
    regions: Object.fromEntries(regions.map((region) => [region.regionName, region.exports()])),
  };
};
