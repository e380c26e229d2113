import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { AWS_REGION_NAMES } from "../../components/config/aws-regions";
import { PRICE_DATA } from "../../tools/catalogue/price-data";
import { FALLBACK_REGION, priceBook } from "../../tools/catalogue/prices";
import { OFFER_CODES, OfferCode, OfferFile, readRegionPrices } from "../../tools/prices/offers";
import { PriceNumbers } from "../../tools/prices/price-data-file";
import { estimateMonthlyCost, renderCostTable } from "../../tools/report/cost-estimate";
import { REPO, committedPlan } from "../helpers/plan";

const TEMPLATE = PRICE_DATA.regions[FALLBACK_REGION].prices!;

/** Offer files in the Bulk API's shape holding `prices` for one region (what a refresh downloads). */
function offerFiles(prices: PriceNumbers): Record<OfferCode, OfferFile> {
  const files = Object.fromEntries(OFFER_CODES.map((c) => [c, { products: {}, terms: { OnDemand: {} } }])) as unknown as Record<
    OfferCode,
    { products: Record<string, unknown>; terms: { OnDemand: Record<string, unknown> } }
  >;
  let n = 0;
  const add = (code: OfferCode, productFamily: string, attributes: Record<string, string>, usd: number) => {
    const sku = `SKU${n++}`;
    files[code].products[sku] = { sku, productFamily, attributes };
    files[code].terms.OnDemand[sku] = {
      [`${sku}.JRTCKXETXF`]: { priceDimensions: { [`${sku}.JRTCKXETXF.6YS6EN2CT7`]: { unit: "Hrs", pricePerUnit: { USD: String(usd) } } } },
    };
  };
  for (const [instanceType, usd] of Object.entries(prices.ec2Hourly))
    add(
      "AmazonEC2",
      "Compute Instance",
      { instanceType, operatingSystem: "Linux", tenancy: "Shared", preInstalledSw: "NA", capacitystatus: "Used" },
      usd,
    );
  // A Windows twin listed first must not be taken.
  add(
    "AmazonEC2",
    "Compute Instance",
    { instanceType: "m7g.large", operatingSystem: "Windows", tenancy: "Shared", preInstalledSw: "NA", capacitystatus: "Used" },
    9,
  );
  for (const [instanceType, usd] of Object.entries(prices.rdsPostgresHourly))
    add("AmazonRDS", "Database Instance", { instanceType, databaseEngine: "PostgreSQL", deploymentOption: "Single-AZ" }, usd);
  add(
    "AmazonRDS",
    "Database Storage",
    { volumeType: "General Purpose-GP3", deploymentOption: "Single-AZ", databaseEngine: "PostgreSQL" },
    prices.rdsStorageGbMonth,
  );
  for (const [instanceType, usd] of Object.entries(prices.elasticacheRedisHourly)) {
    add("AmazonElastiCache", "Cache Instance", { instanceType, cacheEngine: "Redis" }, usd);
    add("AmazonElastiCache", "Cache Instance", { instanceType, cacheEngine: "Valkey" }, usd * (1 - prices.valkeyDiscount));
  }
  add("AmazonEKS", "Compute", { usagetype: "EUN1-AmazonEKS-Hours:perCluster" }, prices.eksControlPlaneHourly);
  add("AmazonEC2", "NAT Gateway", { usagetype: "EUN1-NatGateway-Hours" }, prices.natGatewayHourly);
  add("AWSELB", "Load Balancer-Application", { usagetype: "EUN1-LoadBalancerUsage" }, 0.0225);
  add("AWSELB", "Load Balancer-Application", { usagetype: "EUN1-LCUUsage" }, prices.albHourly - 0.0225);
  add("AmazonCloudWatch", "Alarm", { usagetype: "EUN1-CW:AlarmMonitorUsage" }, prices.cloudwatchAlarmMetricMonth);
  add("AmazonCloudWatch", "Alarm", { usagetype: "EUN1-CW:CompositeAlarmMonitorUsage" }, prices.cloudwatchCompositeAlarmMonth);
  add("AmazonCloudWatch", "Dashboard", { usagetype: "EUN1-DashboardsUsageHour" }, prices.cloudwatchDashboardMonth);
  add("AWSBackup", "Storage", { usagetype: "EUN1-WarmStorage-ByteHrs-RDS" }, prices.backupRdsGbMonth);
  add("awskms", "Encryption Key", { usagetype: "EUN1-KMS-Keys" }, prices.kmsKeyMonth);
  add("AWSSecretsManager", "Secret", { usagetype: "EUN1-AWSSecretsManager-Secrets" }, prices.secretMonth);
  return files as unknown as Record<OfferCode, OfferFile>;
}

const scaled = (p: PriceNumbers, f: number): PriceNumbers => {
  const m = (t: Readonly<Record<string, number>>) =>
    Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(v * f * 10000) / 10000]));
  return {
    ...p,
    ec2Hourly: m(p.ec2Hourly),
    rdsPostgresHourly: m(p.rdsPostgresHourly),
    elasticacheRedisHourly: m(p.elasticacheRedisHourly),
    natGatewayHourly: Math.round(p.natGatewayHourly * f * 10000) / 10000,
  };
};

describe("cost: per-region price data", () => {
  it("has an entry for every region of the region catalogue, each saying whose prices it holds and their source", () => {
    assert.deepEqual(Object.keys(PRICE_DATA.regions).sort(), [...AWS_REGION_NAMES].sort());
    for (const [region, entry] of Object.entries(PRICE_DATA.regions)) {
      assert.ok(entry.sources.length > 0, region);
      const listed = PRICE_DATA.regions[entry.pricedAs];
      assert.ok(listed?.prices, `${region} is priced as ${entry.pricedAs}, which has no prices`);
      if (entry.pricedAs === region) assert.match(entry.retrieved ?? "", /^\d{4}-\d{2}-\d{2}$/, region);
      else assert.ok(entry.prices === undefined && entry.sources.some((s) => /not retrieved/.test(s)), region);
      assert.equal(priceBook(region).listedFor, entry.pricedAs);
    }
  });

  it("prices every item the committed stacks use, and names the regions priced at another region's rates", async () => {
    for (const stack of ["dev", "prod"] as const) {
      const estimate = estimateMonthlyCost(await committedPlan(stack));
      assert.deepEqual(estimate.unpriced, [], stack);
      assert.equal(estimate.estimate, true);
      for (const [region, whose] of Object.entries(estimate.pricedAs)) {
        assert.equal(PRICE_DATA.regions[region].pricedAs, whose);
        assert.match(renderCostTable(estimate), new RegExp(`${region}[^.]* priced at ${whose} list prices \\(own prices not retrieved\\)`));
      }
      assert.match(renderCostTable(estimate), /leaves out usage/);
    }
  });

  it("reads a region's prices from Bulk API offer files, and reports a region whose files lack one", () => {
    const north = scaled(TEMPLATE, 1.1);
    const { prices, missing } = readRegionPrices(offerFiles(north), TEMPLATE);
    assert.deepEqual(missing, []);
    assert.equal(prices!.ec2Hourly["m7g.large"], north.ec2Hourly["m7g.large"]);
    assert.equal(prices!.rdsPostgresHourly["db.r6g.xlarge"], north.rdsPostgresHourly["db.r6g.xlarge"]);
    assert.equal(prices!.valkeyDiscount, TEMPLATE.valkeyDiscount);
    assert.ok(Math.abs(prices!.albHourly - TEMPLATE.albHourly) < 1e-9);

    const files = offerFiles(north);
    const withoutNat = {
      ...files,
      AmazonEC2: {
        ...files.AmazonEC2,
        products: Object.fromEntries(Object.entries(files.AmazonEC2.products).filter(([, p]) => p.productFamily !== "NAT Gateway")),
      },
    };
    const partial = readRegionPrices(withoutNat, TEMPLATE);
    assert.equal(partial.prices, undefined, "no partial book: nothing is filled from another region");
    assert.deepEqual(partial.missing, ["AmazonEC2: NAT gateway hour"]);
  });

  it("npm run prices:refresh --offers-dir writes the data module with the region priced as itself, its files and date", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "platform-prices-"));
    for (const [code, file] of Object.entries(offerFiles(scaled(TEMPLATE, 1.2)))) {
      fs.mkdirSync(path.join(dir, code));
      fs.writeFileSync(path.join(dir, code, "eu-north-1.json"), JSON.stringify(file));
    }
    const out = path.join(dir, "price-data.ts");
    const result = spawnSync(
      process.execPath,
      [path.join(REPO, "build/tools/prices-refresh.js"), "--regions", "eu-north-1", "--offers-dir", dir, "--out", out],
      {
        encoding: "utf8",
      },
    );
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /1 of 1 region\(s\) priced as themselves/);
    const text = fs.readFileSync(out, "utf8");
    const data = JSON.parse(text.slice(text.indexOf("= ") + 2, text.lastIndexOf(";"))) as typeof PRICE_DATA;
    assert.equal(data.regions["eu-north-1"].pricedAs, "eu-north-1");
    assert.equal(data.regions["eu-north-1"].retrieved, new Date().toISOString().slice(0, 10));
    assert.ok(data.regions["eu-north-1"].sources.some((s) => s.includes(path.join(dir, "AmazonEC2", "eu-north-1.json"))));
    assert.equal(
      data.regions["eu-north-1"].prices!.ec2Hourly["m7g.large"],
      Math.round(TEMPLATE.ec2Hourly["m7g.large"] * 1.2 * 10000) / 10000,
    );
    assert.equal(data.regions["eu-west-1"].pricedAs, PRICE_DATA.regions["eu-west-1"].pricedAs, "other regions kept");
  });
});
