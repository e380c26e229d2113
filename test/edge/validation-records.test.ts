import assert from "node:assert/strict";
import { Plan, PlannedResource } from "../../tools/engine/model";
import { committedPlan, inputsOf, ofType, outputsOf } from "../helpers/plan";

const RECORD = "aws:route53/record:Record";
const CERTIFICATE = "aws:acm/certificate:Certificate";
const VALIDATION = "aws:acm/certificateValidation:CertificateValidation";

/** What Route 53 identifies a record set by: zone, name (any case, trailing dot or not), type, set identifier. */
function recordKey(record: PlannedResource): string {
  const i = inputsOf(record);
  const name = String(i.name).toLowerCase().replace(/\.$/, "");
  return [i.zoneId, name, i.type, i.setIdentifier ?? ""].join(" ");
}

/** Validation records: those whose name is one of the certificates' ACM validation names. */
function validationRecords(plan: Plan): PlannedResource[] {
  const names = new Set(
    ofType(plan, CERTIFICATE).flatMap((c) =>
      (outputsOf(c).domainValidationOptions as { resourceRecordName: string }[]).map((o) => o.resourceRecordName.replace(/\.$/, "")),
    ),
  );
  return ofType(plan, RECORD).filter((r) => names.has(String(inputsOf(r).name).replace(/\.$/, "")));
}

describe("edge: every Route 53 record has exactly one owner (prod plan)", () => {
  let plan: Plan;
  before(async () => {
    plan = await committedPlan("prod");
  });

  it("declares no two records with the same zone id, name, type (and set identifier)", () => {
    const seen = new Map<string, string>();
    for (const record of ofType(plan, RECORD)) {
      const key = recordKey(record);
      assert.ok(!seen.has(key), `${record.urn} and ${seen.get(key)} both declare ${key}`);
      seen.set(key, record.urn);
    }
  });

  it("writes validation records without allowOverwrite, one per certified name", () => {
    const records = validationRecords(plan);
    const names = new Set(
      ofType(plan, CERTIFICATE).flatMap((c) => [inputsOf(c).domainName, ...(inputsOf(c).subjectAlternativeNames ?? [])]),
    );
    assert.equal(records.length, names.size);
    for (const record of records) assert.notEqual(inputsOf(record).allowOverwrite, true, record.urn);
  });

  it("owns each zone hostname's record once, outside the regions, and every certificate of the zone waits on it", () => {
    for (const zone of ["us", "eu"]) {
      const hostname = `origin.${zone}.example.com`;
      const certificates = ofType(plan, CERTIFICATE).filter((c) => (inputsOf(c).subjectAlternativeNames ?? []).includes(hostname));
      assert.equal(certificates.length, 2, `${zone}: two regions certify ${hostname}`);
      const option = (c: PlannedResource) =>
        (outputsOf(c).domainValidationOptions as { domainName: string; resourceRecordName: string }[]).find(
          (o) => o.domainName === hostname,
        )!;
      const records = validationRecords(plan).filter((r) => inputsOf(r).name === option(certificates[0]).resourceRecordName);
      assert.equal(records.length, 1, `${zone}: one validation record for ${hostname}`);
      const [record] = records;
      assert.ok(record.urn.includes("::platform:edge:ValidationRecords$aws:route53/record:Record::"), record.urn);
      assert.ok(!record.urn.includes("platform:region:Region"), "no region owns it");
      assert.match(record.provider!, /::pulumi:providers:aws::aws-edge-us-east-1$/);
      // Moved from the zone's first certificate (where it was the SAN's record, index 1) without
      // creating a same-named record before the old one is gone.
      const former = certificates[0].urn.replace(/aws:acm\/certificate:Certificate::(.*)-cert$/, `${RECORD}::$1-cert-validation-1`);
      assert.deepEqual(record.options.aliases, [former]);
      assert.equal(record.options.deleteBeforeReplace, true);

      for (const certificate of certificates) {
        assert.equal(option(certificate).resourceRecordName, inputsOf(record).name);
        const validation = ofType(plan, VALIDATION).find((v) => inputsOf(v).certificateArn === outputsOf(certificate).arn)!;
        assert.ok(validation.dependencies.includes(record.urn), `${certificate.region}: validation waits on the zone record`);
        assert.ok(inputsOf(validation).validationRecordFqdns.includes(outputsOf(record).fqdn));
        assert.equal(inputsOf(validation).validationRecordFqdns.length, 2, "the regional name's record and the zone's");
      }
    }
  });
});
