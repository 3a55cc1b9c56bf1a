// Validates an OpenAPI document against the OpenAPI 3.1 schema (with the JSON
// Schema 2020-12 dialect) using @seriousme/openapi-schema-validator, and
// checks that every $ref resolves. Usage: node validate_openapi.mjs FILE
import { readFileSync } from "node:fs";
import { Validator } from "@seriousme/openapi-schema-validator";

const file = process.argv[2];
if (!file) {
  console.error("usage: node validate_openapi.mjs FILE");
  process.exit(2);
}
const doc = JSON.parse(readFileSync(file, "utf8"));
const validator = new Validator();
const result = await validator.validate(doc);
if (!result.valid) {
  console.error(`${file}: not a valid OpenAPI ${validator.version ?? ""} document:`);
  console.error(JSON.stringify(result.errors, null, 2));
  process.exit(1);
}
if (validator.version !== "3.1") {
  console.error(`${file}: validated as OpenAPI ${validator.version}, expected 3.1`);
  process.exit(1);
}
console.log(`${file}: valid OpenAPI ${validator.version}`);
