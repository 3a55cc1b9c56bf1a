// Shared pieces of the Node side of the rules benchmark: reading the rules and
// the JSON-lines data, building rules with json-logic-engine, buffered output.

import fs from 'node:fs'
import { StringDecoder } from 'node:string_decoder'
import { LogicEngine } from 'json-logic-engine'
import jsonLogic from 'json-logic-js'

export { jsonLogic }

export const ENGINE_NAME = 'json-logic-engine 5.0.7 compiled'
export const REFERENCE_NAME = 'json-logic-js 2.0.5 apply'

export function die (message) {
  process.stderr.write(message + '\n')
  process.exit(1)
}

/** Reads a JSON array of JsonLogic rules. */
export function loadRules (path) {
  let rules
  try {
    rules = JSON.parse(fs.readFileSync(path, 'utf8'))
  } catch (err) {
    die(`${path}: cannot read rules: ${err.message}`)
  }
  if (!Array.isArray(rules)) die(`${path}: expected a JSON array of rules`)
  return rules
}

/**
 * Builds every rule with json-logic-engine's compiled mode. LogicEngine.build
 * is synchronous in 5.0.7 and returns a plain function of the data; the
 * default methods already follow json-logic-js for the operators the
 * screening rules use, so no option is needed.
 */
export function buildCompiled (rules) {
  const engine = new LogicEngine()
  return rules.map((rule, i) => {
    try {
      return engine.build(rule)
    } catch (err) {
      die(`rule ${i}: json-logic-engine cannot build it: ${describeError(err)}`)
    }
  })
}

export function describeError (err) {
  if (Number.isNaN(err)) return 'NaN'
  if (err instanceof Error) return err.message
  return JSON.stringify(err)
}

/**
 * Calls onLine(text, lineNumber) for every non-blank line of a file, reading
 * it in large chunks so memory stays flat whatever the file's size.
 */
export function forEachLine (path, onLine) {
  let fd
  try {
    fd = fs.openSync(path, 'r')
  } catch (err) {
    die(`${path}: cannot open: ${err.message}`)
  }
  const buffer = Buffer.allocUnsafe(4 << 20)
  const decoder = new StringDecoder('utf8')
  let pending = ''
  let lineNumber = 0
  const emit = (text) => {
    lineNumber++
    if (text.endsWith('\r')) text = text.slice(0, -1)
    if (text.length) onLine(text, lineNumber)
  }
  for (;;) {
    const n = fs.readSync(fd, buffer, 0, buffer.length, null)
    if (n === 0) break
    const text = pending + decoder.write(buffer.subarray(0, n))
    let start = 0
    let end
    while ((end = text.indexOf('\n', start)) !== -1) {
      emit(text.slice(start, end))
      start = end + 1
    }
    pending = text.slice(start)
  }
  pending += decoder.end()
  if (pending.length) emit(pending)
  fs.closeSync(fd)
}

/** Parses a JSON line, naming the file and line when it is not JSON. */
export function parseLine (path, text, lineNumber) {
  try {
    return JSON.parse(text)
  } catch (err) {
    die(`${path}:${lineNumber}: not valid JSON: ${err.message}`)
  }
}

/** Reads every line of a JSON-lines file into an array of values. */
export function loadLines (path) {
  const rows = []
  forEachLine(path, (text, lineNumber) => rows.push(parseLine(path, text, lineNumber)))
  return rows
}

/** Collects output text and writes it to stdout in large chunks. */
export class Output {
  constructor (limit = 1 << 20) {
    this.limit = limit
    this.text = ''
  }

  write (text) {
    this.text += text
    if (this.text.length >= this.limit) this.flush()
  }

  flush () {
    // process.stdout writes synchronously to files and pipes on Linux.
    if (this.text.length) process.stdout.write(this.text)
    this.text = ''
  }
}

/**
 * The whole job: for each line of dataPath, one JSON array of the results of
 * every rule, in rule order, then "\n". evaluate(i, data) gives rule i's result.
 */
export function runJob (dataPath, ruleCount, evaluate) {
  const out = new Output()
  const results = new Array(ruleCount)
  forEachLine(dataPath, (text, lineNumber) => {
    const data = parseLine(dataPath, text, lineNumber)
    for (let i = 0; i < ruleCount; i++) {
      try {
        results[i] = evaluate(i, data)
      } catch (err) {
        out.flush()
        die(`${dataPath}:${lineNumber}: rule ${i} failed: ${describeError(err)}`)
      }
    }
    out.write(JSON.stringify(results) + '\n')
  })
  out.flush()
}
