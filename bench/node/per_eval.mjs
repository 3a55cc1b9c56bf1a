#!/usr/bin/env node
// Rule evaluations per second for json-logic-engine 5.0.7's compiled mode, after
// checking every result against json-logic-js 2.0.5 (the reference).
//
//   node per_eval.mjs RULES.json DATA.jsonl [--seconds S] [--reference]
//
// Parsing the data and building the rules are not timed. A timed pass evaluates
// every rule on every respondent; passes repeat for about S seconds (default 3)
// after a warm-up. Prints one JSON line per engine timed:
//   {"engine":"json-logic-engine 5.0.7 compiled","evaluations":...,"seconds":...,"evals_per_sec":...}
// --reference also times json-logic-js's apply the same way (a second line).
// Exits 1, naming the rule, line and both results, if the engines disagree.

import { ENGINE_NAME, REFERENCE_NAME, buildCompiled, die, describeError, jsonLogic, loadLines, loadRules } from './common.mjs'

const USAGE = 'usage: node per_eval.mjs RULES.json DATA.jsonl [--seconds S] [--reference]'

function parseArgs (argv) {
  const opts = { seconds: 3, reference: false, files: [] }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--seconds') {
      const value = Number(argv[++i])
      if (!(value > 0)) die(`--seconds needs a positive number\n${USAGE}`)
      opts.seconds = value
    } else if (arg === '--reference') {
      opts.reference = true
    } else if (arg.startsWith('--')) {
      die(`unknown option ${arg}\n${USAGE}`)
    } else {
      opts.files.push(arg)
    }
  }
  if (opts.files.length !== 2) die(USAGE)
  return opts
}

function verify (rules, compiled, rows) {
  for (let line = 0; line < rows.length; line++) {
    for (let i = 0; i < rules.length; i++) {
      const expected = evaluateOrError(() => jsonLogic.apply(rules[i], rows[line]))
      const actual = evaluateOrError(() => compiled[i](rows[line]))
      if (actual !== expected) {
        die(`MISMATCH rule ${i}, line ${line + 1}:\n` +
            `  rule:              ${JSON.stringify(rules[i])}\n` +
            `  json-logic-js:     ${expected}\n` +
            `  json-logic-engine: ${actual}`)
      }
    }
  }
}

function evaluateOrError (evaluate) {
  try {
    return JSON.stringify(evaluate())
  } catch (err) {
    return `<throws ${describeError(err)}>`
  }
}

// Runs passes of `pass` until `seconds` have gone by; returns passes and seconds.
function timePasses (pass, seconds) {
  const budget = BigInt(Math.round(seconds * 1e9))
  const start = process.hrtime.bigint()
  let passes = 0
  let elapsed = 0n
  do {
    pass()
    passes++
    elapsed = process.hrtime.bigint() - start
  } while (elapsed < budget)
  return { passes, seconds: Number(elapsed) / 1e9 }
}

// Evaluates the rules on every row `seconds` long after a warm-up, and reports the rate.
function measure (name, evaluators, rows, seconds) {
  let sink = 0
  const pass = () => {
    for (let r = 0; r < rows.length; r++) {
      const data = rows[r]
      for (let i = 0; i < evaluators.length; i++) {
        // Keeps the results observable so no evaluation can be optimised away.
        if (evaluators[i](data)) sink++
      }
    }
  }
  timePasses(pass, Math.min(1, seconds / 3))
  const { passes, seconds: took } = timePasses(pass, seconds)
  const evaluations = passes * rows.length * evaluators.length
  if (sink < 0) process.stderr.write('unreachable\n')
  return {
    engine: name,
    evaluations,
    seconds: Number(took.toFixed(6)),
    evals_per_sec: Math.round(evaluations / took)
  }
}

function main () {
  const opts = parseArgs(process.argv.slice(2))
  const [rulesPath, dataPath] = opts.files
  const rules = loadRules(rulesPath)
  const rows = loadLines(dataPath)
  if (!rows.length) die(`${dataPath}: no data lines`)
  const compiled = buildCompiled(rules)

  verify(rules, compiled, rows)
  process.stderr.write(`per_eval: ${rules.length} rules x ${rows.length} respondents: json-logic-engine matches json-logic-js\n`)

  const results = [measure(ENGINE_NAME, compiled, rows, opts.seconds)]
  if (opts.reference) {
    const applied = rules.map((rule) => (data) => jsonLogic.apply(rule, data))
    results.push(measure(REFERENCE_NAME, applied, rows, opts.seconds))
  }
  for (const result of results) process.stdout.write(JSON.stringify(result) + '\n')
}

main()
