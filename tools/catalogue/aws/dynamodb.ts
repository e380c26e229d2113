/** DynamoDB: known to the diff and the pack before the program declares a table. */
import { registry, tf, tfDocs } from "../sources";
import { TypeEntry, none } from "../types";

export const DYNAMODB_TABLE = "aws:dynamodb/table:Table";

const NOT_DECLARED = none("not declared by the program: add a mock (and its validation) before declaring it");

export const DYNAMODB_ENTRIES: readonly TypeEntry[] = [
  {
    type: DYNAMODB_TABLE,
    mock: NOT_DECLARED,
    mockSources: [registry(DYNAMODB_TABLE)],
    validation: NOT_DECLARED,
    creation: { seconds: 30, source: `${tfDocs("dynamodb_table")}#timeouts` },
    price: NOT_DECLARED,
    replacement: {
      replaceOn: [
        "hashKey",
        "importTable",
        "localSecondaryIndexes",
        "name",
        "rangeKey",
        "restoreDateTime",
        "restoreSourceName",
        "restoreSourceTableArn",
        "restoreToLatestTime",
      ],
      sources: [tf("dynamodb/table.go"), registry(DYNAMODB_TABLE)],
    },
    data: {
      kind: "database",
      protectedInProd: false,
      why: "a table's items; not declared yet, so the pack does not list it",
      sources: [tf("dynamodb/table.go")],
    },
  },
];
