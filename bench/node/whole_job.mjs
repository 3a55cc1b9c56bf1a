#!/usr/bin/env node
// The whole job in Node, the same as `trialwise rule eval --rules RULES --data-lines DATA`:
// build every rule once with json-logic-engine's compiled mode, then for each line of
// DATA write one JSON array with every rule's result, in rule order.
//
//   node whole_job.mjs RULES.json DATA.jsonl > results.jsonl

import { buildCompiled, die, loadRules, runJob } from './common.mjs'

const [rulesPath, dataPath, ...extra] = process.argv.slice(2)
if (!rulesPath || !dataPath || extra.length) die('usage: node whole_job.mjs RULES.json DATA.jsonl')

const compiled = buildCompiled(loadRules(rulesPath))
runJob(dataPath, compiled.length, (i, data) => compiled[i](data))
