#!/usr/bin/env node
// The Node anchor for bench/http_load.sh: what a publisher's web team would
// write in an afternoon instead of running `trialwise serve --checker`. Node's
// own http server and json-logic-engine 5.0.7's compiled mode, doing the same
// screening on the same answers: the pack's safety rules (23 for glutamine)
// evaluated on the posted answers, the highest level that fires, and each
// firing rule's reason. GET /healthz answers {"status":"ok"}.
//
//   node checker_server.mjs PACK.json [PORT]     (PORT 0 or none: a free one)
//
// Prints "listening on http://127.0.0.1:PORT" once ready. Loopback only. One
// process (Node's event loop on one core), as such a service is usually run;
// NODE_WORKERS=N forks N processes with node:cluster for a second figure.

import cluster from 'node:cluster'
import fs from 'node:fs'
import http from 'node:http'
import { buildCompiled, die, jsonLogic } from './common.mjs'

const [packPath, portText = '0'] = process.argv.slice(2)
if (!packPath) die('usage: node checker_server.mjs PACK.json [PORT]')
let pack
try {
  pack = JSON.parse(fs.readFileSync(packPath, 'utf8'))
} catch (err) {
  die(`${packPath}: cannot read the pack: ${err.message}`)
}
const rules = pack.safety_rules
const levels = pack.safety_levels
if (!Array.isArray(rules) || !Array.isArray(levels)) die(`${packPath}: no safety_rules or safety_levels`)
const compiled = buildCompiled(rules.map((r) => r.when))
const rank = new Map(levels.map((level, i) => [level, i]))

const MAX_BODY = 64 * 1024
const JSON_HEADERS = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }

function reply (res, status, body) {
  const text = JSON.stringify(body)
  res.writeHead(status, { ...JSON_HEADERS, 'Content-Length': Buffer.byteLength(text) })
  res.end(text)
}

function screen (answers) {
  let level = levels[0]
  const reasons = []
  for (let i = 0; i < rules.length; i++) {
    if (!jsonLogic.truthy(compiled[i](answers))) continue  // JsonLogic's truthiness ([] is false)
    const rule = rules[i]
    reasons.push({ rule: rule.id, level: rule.level, text: rule.text, bring: rule.bring, section: rule.source })
    if (rank.get(rule.level) > rank.get(level)) level = rule.level
  }
  return { safety: level, reasons }
}

function handle (req, res) {
  if (req.method === 'GET' && req.url === '/healthz') return reply(res, 200, { status: 'ok' })
  if (req.url !== '/api/v1/assess') return reply(res, 404, { error: { code: 'not_found' } })
  if (req.method !== 'POST') return reply(res, 405, { error: { code: 'method_not_allowed' } })
  const chunks = []
  let size = 0
  req.on('data', (chunk) => {
    size += chunk.length
    if (size > MAX_BODY) {
      reply(res, 413, { error: { code: 'too_large' } })
      req.destroy()
    } else {
      chunks.push(chunk)
    }
  })
  req.on('end', () => {
    if (res.writableEnded) return
    let answers
    try {
      answers = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    } catch (err) {
      return reply(res, 400, { error: { code: 'invalid_json', message: err.message } })
    }
    if (answers === null || typeof answers !== 'object' || Array.isArray(answers)) {
      return reply(res, 400, { error: { code: 'invalid_input', message: 'the answers must be a JSON object' } })
    }
    reply(res, 200, screen(answers))
  })
}

function listen () {
  const server = http.createServer(handle)
  server.keepAliveTimeout = 65_000
  server.listen(Number(portText), '127.0.0.1', () => {
    if (!cluster.isWorker || cluster.worker.id === 1) process.stdout.write(`listening on http://127.0.0.1:${server.address().port}\n`)
  })
}

const workers = Number(process.env.NODE_WORKERS || 1)
if (workers > 1 && cluster.isPrimary) {
  if (Number(portText) === 0) die('NODE_WORKERS needs a fixed PORT (the workers share it)')
  for (let i = 0; i < workers; i++) cluster.fork()
  process.on('SIGTERM', () => {
    for (const w of Object.values(cluster.workers)) w.kill('SIGTERM')
    process.exit(0)
  })
} else {
  listen()
}
