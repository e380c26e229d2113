/**
 * `npm run prices:refresh [-- --regions <a,b>] [--offers-dir <dir>] [--out <file>]`
 *
 * Rewrites the committed per-region price data (tools/catalogue/price-data.ts) from AWS's public
 * Price List Bulk API: index.json -> each service's region_index.json -> each region's offer file,
 * recording every file's URL and the retrieval date. A region whose files lack a price keeps its
 * previous entry and is listed on stderr; nothing is filled from another region. `--offers-dir`
 * reads files saved earlier as <dir>/<offer code>/<region>.json instead of the network.
 * Exit codes: 0 written, 1 a download or file failed, 2 bad usage.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { AWS_REGION_NAMES } from "../components/config/aws-regions";
import { EXIT, REPO_ROOT, ToolHelp, UsageError, checkOutputPath, parseToolArgs, runTool } from "./cli";
import { PRICE_DATA } from "./catalogue/price-data";
import { FALLBACK_REGION } from "./catalogue/prices";
import { OFFER_CODES, OfferCode, OfferFile, readRegionPrices } from "./prices/offers";
import { OFFER_INDEX_URL, PriceData, RegionPrices, renderPriceDataModule } from "./prices/price-data-file";

const HELP: ToolHelp = {
  usage: "npm run prices:refresh -- [--regions <a,b,...>] [--offers-dir <dir>] [--out <file>]",
  summary: "Rewrites tools/catalogue/price-data.ts from the AWS Price List Bulk API (per region, with file URLs and date).",
  flags: {
    "--regions <a,b,...>": "the regions to refresh (default: every region of the region catalogue)",
    "--offers-dir <dir>": "read offer files saved as <dir>/<offer code>/<region>.json instead of downloading",
    "--out <file>": "where to write the data module (default tools/catalogue/price-data.ts)",
  },
};

/** JSON.parse refuses strings past ~512 MiB; larger offer files (EC2 in big regions) need filtering first. */
const MAX_OFFER_BYTES = 400 * 1024 * 1024;

async function download(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
  const size = Number(response.headers.get("content-length") ?? 0);
  if (size > MAX_OFFER_BYTES)
    throw new Error(
      `GET ${url}: ${Math.round(size / 1024 / 1024)} MiB is too large to parse whole; save it filtered to the needed products and use --offers-dir`,
    );
  return response.json();
}

async function main(): Promise<number> {
  const args = parseToolArgs({ regions: { type: "string" }, "offers-dir": { type: "string" }, out: { type: "string" } }, HELP);
  const regions = args.regions ? args.regions.split(",").map((r) => r.trim()) : [...AWS_REGION_NAMES];
  const unknown = regions.filter((r) => !AWS_REGION_NAMES.includes(r));
  if (unknown.length > 0)
    throw new UsageError(`--regions: ${unknown.join(", ")} not in the region catalogue (components/config/aws-regions.ts)`);
  const out = path.resolve(args.out ?? path.join(REPO_ROOT, "tools/catalogue/price-data.ts"));
  checkOutputPath("--out", out);
  const offersDir = args["offers-dir"];
  const today = new Date().toISOString().slice(0, 10);
  const template = PRICE_DATA.regions[FALLBACK_REGION].prices;
  if (!template) throw new Error(`price data: ${FALLBACK_REGION} has no prices to take the priced item list from`);

  // Where each service's region offer files are listed (network mode).
  const regionIndex = new Map<OfferCode, { base: string; regions: Record<string, { currentVersionUrl: string }> }>();
  if (!offersDir) {
    const index = (await download(OFFER_INDEX_URL)) as { offers: Record<string, { currentRegionIndexUrl: string }> };
    const base = new URL(OFFER_INDEX_URL).origin;
    for (const code of OFFER_CODES) {
      const offer = index.offers[code];
      if (!offer) throw new Error(`${OFFER_INDEX_URL} lists no offer ${code}`);
      const listing = (await download(new URL(offer.currentRegionIndexUrl, base).href)) as {
        regions: Record<string, { currentVersionUrl: string }>;
      };
      regionIndex.set(code, { base, regions: listing.regions });
    }
  }

  const next: Record<string, RegionPrices> = { ...PRICE_DATA.regions };
  let failed = false;
  for (const region of regions) {
    const files: Partial<Record<OfferCode, OfferFile>> = {};
    const sources: string[] = [];
    for (const code of OFFER_CODES) {
      try {
        if (offersDir) {
          const file = path.join(offersDir, code, `${region}.json`);
          if (!fs.existsSync(file)) continue;
          files[code] = JSON.parse(fs.readFileSync(file, "utf8")) as OfferFile;
          sources.push(`${code}: ${file}`);
        } else {
          const entry = regionIndex.get(code)?.regions[region];
          if (!entry) continue;
          const url = new URL(entry.currentVersionUrl, regionIndex.get(code)!.base).href;
          files[code] = (await download(url)) as OfferFile;
          sources.push(url);
        }
      } catch (error) {
        failed = true;
        process.stderr.write(`${region}: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
    const { prices, missing } = readRegionPrices(files, template);
    if (!prices) {
      process.stderr.write(`${region}: kept as priced at ${next[region]?.pricedAs ?? FALLBACK_REGION}; missing ${missing.join("; ")}\n`);
      continue;
    }
    next[region] = {
      pricedAs: region,
      sources: [...sources, `backupCrossRegionGb: the ${FALLBACK_REGION} inter-region transfer rate (not in these offer files)`],
      retrieved: today,
      prices,
    };
  }
  const data: PriceData = { offerIndex: OFFER_INDEX_URL, regions: Object.fromEntries(AWS_REGION_NAMES.map((r) => [r, next[r]])) };
  fs.writeFileSync(out, renderPriceDataModule(data));
  process.stdout.write(
    `wrote ${path.relative(REPO_ROOT, out) || out}: ${regions.filter((r) => next[r]?.pricedAs === r).length} of ${regions.length} region(s) priced as themselves\n`,
  );
  return failed ? EXIT.failed : EXIT.ok;
}

runTool(main);
