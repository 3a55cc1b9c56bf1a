#!/usr/bin/env node
// The reference output: the same job as whole_job.mjs, evaluated by json-logic-js 2.0.5
// (the JsonLogic reference implementation). Every other engine must match it byte for byte.
//
//   node reference_job.mjs RULES.json DATA.jsonl > reference.jsonl

import { die, jsonLogic, loadRules, runJob } from './common.mjs'

const [rulesPath, dataPath, ...extra] = process.argv.slice(2)
if (!rulesPath || !dataPath || extra.length) die('usage: node reference_job.mjs RULES.json DATA.jsonl')

const rules = loadRules(rulesPath)
runJob(dataPath, rules.length, (i, data) => jsonLogic.apply(rules[i], data))
