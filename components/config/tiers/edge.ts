import { z } from "zod";
import { Environment, intBetween, oneOf } from "./common";

/** The global CDN in front of the regions (one per stack). */
export const edgeSettings = z.strictObject({
  priceClass: oneOf(["PriceClass_100", "PriceClass_200", "PriceClass_All"]),
  geoRestriction: z.strictObject({
    type: oneOf(["none", "whitelist", "blacklist"]),
    /** ISO 3166-1 alpha-2 country codes. */
    locations: z.array(
      z
        .string()
        .regex(/^[A-Z]{2}$/, { error: (i) => `must be an ISO 3166-1 alpha-2 country code such as "DE", got ${JSON.stringify(i.input)}` }),
    ),
  }),
  waf: z.strictObject({
    enabled: z.boolean(),
    /** Requests per 5 minutes from one IP before the rate-based rule blocks it. */
    rateLimitPer5Minutes: intBetween(100, 2000000000),
  }),
});
export type EdgeSettings = z.infer<typeof edgeSettings>;

export const edgeDefaults: Record<Environment, EdgeSettings> = {
  dev: {
    priceClass: "PriceClass_100",
    geoRestriction: { type: "none", locations: [] },
    waf: { enabled: false, rateLimitPer5Minutes: 2000 },
  },
  prod: {
    priceClass: "PriceClass_All",
    geoRestriction: { type: "none", locations: [] },
    waf: { enabled: true, rateLimitPer5Minutes: 2000 },
  },
};
