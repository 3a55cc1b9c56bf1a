#!/usr/bin/env node
// Generates libs/rules/tests/data/jsonlogic_js_edge_cases.json: JsonLogic edge
// cases whose expected results come from the reference implementation,
// json-logic-js 2.0.5 (pinned in package.json / package-lock.json).
//
// Usage (from tests/reference/, after `npm ci`):
//   node generate_edge_cases.mjs           # (re)write the JSON file
//   node generate_edge_cases.mjs --check   # exit 1 if the committed file is stale
//
// Output format is the official conformance-suite format: a JSON array of
// section-heading strings and [rule, data, expected] triples, one per line.
// `expected` is the reference result after a JSON.stringify/JSON.parse round
// trip, so NaN and +/-Infinity become null, -0 becomes 0, and a top-level
// undefined becomes null.
//
// Constraints every case must satisfy (enforced by validateCase below):
//   * rules and data are plain JSON with finite numbers (and no -0, which JSON
//     cannot round-trip; produce -0 with {"-":0} when needed);
//   * only the operators Trialwise implements, with the argument counts its
//     compiler accepts (ARITY below); the non-array form {"op": x} is one
//     argument.
// Cases on which json-logic-js throws are NOT written to the file; they are
// listed in the second section of the stdout report instead.

import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, resolve, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const jsonLogic = require("json-logic-js");
const REFERENCE_VERSION = require("json-logic-js/package.json").version;

const HERE = dirname(fileURLToPath(import.meta.url));
const OUTPUT = resolve(HERE, "../../libs/rules/tests/data/jsonlogic_js_edge_cases.json");

// ---------------------------------------------------------------------------
// The cases: heading strings and [rule, data] pairs; `data` defaults to {}.
// In data, "x" is conventionally absent so {"var":"x"} reads a missing key.
// ---------------------------------------------------------------------------
const CASES = [
  "# Arithmetic: + (parseFloat on every argument, starting from 0)",
  [{ "+": [] }],
  [{ "+": "3" }],
  [{ "+": ["3 apples"] }],
  [{ "+": [" 12 "] }],
  [{ "+": ["1e3"] }],
  [{ "+": ["0x10", 3] }],
  [{ "+": ["Infinity"] }],
  [{ "+": [""] }],
  [{ "+": [{ var: "x" }, 1] }],
  [{ "+": [true] }],
  [{ "+": [[2]] }],
  [{ "+": [[1, 2]] }],
  [{ "+": ["\u00a07", "-.5e1x"] }],
  [{ "+": ["0.1", "0.2"] }],
  [{ "+": [9007199254740992, 1] }],

  "# Arithmetic: * (parseFloat; a single argument is returned unchanged)",
  [{ "*": ["2"] }],
  [{ "*": "abc" }],
  [{ "*": [[1, 2]] }],
  [{ "*": [{ var: "x" }] }],
  [{ "*": ["2", "3"] }],
  [{ "*": ["3 apples", 2] }],
  [{ "*": ["0x10", 2] }],
  [{ "*": [null, 2] }],
  [{ "*": [true, 2] }],
  [{ "*": [2, [3, 4]] }],

  "# Arithmetic: - (ToNumber, not parseFloat)",
  [{ "-": "5" }],
  [{ "-": ["abc"] }],
  [{ "-": [[5]] }],
  [{ "-": [[1, 2]] }],
  [{ "-": ["0x10"] }],
  [{ "-": ["3 apples"] }],
  [{ "-": [{ var: "x" }] }],
  [{ "-": [true] }],
  [{ "-": ["", 1] }],
  [{ "-": [[3], [1]] }],
  [{ "-": ["0b101", " 12 "] }],

  "# Arithmetic: / and % (division by zero, negatives, coercion)",
  [{ "/": [1, 0] }],
  [{ "/": [0, 0] }],
  [{ "/": [1, { "-": 0 }] }],
  [{ "/": ["6", "3"] }],
  [{ "/": [2, { var: "x" }] }],
  [{ "/": [1, 3] }],
  [{ "%": [-7, 3] }],
  [{ "%": [7, -3] }],
  [{ "%": [5, 0] }],
  [{ "%": [-6, 3] }],
  [{ "%": [5.5, 2] }],
  [{ "%": [7, null] }],
  [{ "%": [5, { "/": [1, 0] }] }],

  "# Arithmetic: min and max (ToNumber on every argument)",
  [{ max: [1, "3", 2] }],
  [{ max: "7" }],
  [{ min: [null, 1] }],
  [{ min: ["", 5] }],
  [{ max: ["abc", 1] }],
  [{ max: [[5], 1] }],
  [{ max: [[1, 2], 1] }],
  [{ max: ["0x10", 3] }],
  [{ min: [{ var: "x" }, 5] }],
  [{ max: [true, 0] }],

  "# Loose equality == and != (JavaScript abstract equality)",
  [{ "==": [0, ""] }],
  [{ "==": ["1", true] }],
  [{ "==": ["2", true] }],
  [{ "==": ["0", false] }],
  [{ "==": [null, 0] }],
  [{ "==": [null, false] }],
  [{ "==": [{ var: "x" }, null] }],
  [{ "==": [[1], 1] }],
  [{ "==": [[1, 2], "1,2"] }],
  [{ "==": [[], ""] }],
  [{ "==": [[], 0] }],
  [{ "==": [[0], false] }],
  [{ "==": [[null], ""] }],
  [{ "==": [{ var: "o" }, "[object Object]"] }, { o: { a: 1 } }],
  [{ "==": [{ a: 1, b: 2 }, "[object Object]"] }],
  [{ "==": [true, "true"] }],
  [{ "==": [" \t\n", 0] }],
  [{ "==": ["0x1A", 26] }],
  [{ "==": ["Infinity", { "/": [1, 0] }] }],
  [{ "==": [{ "/": [0, 0] }, { "/": [0, 0] }] }],
  [{ "!=": [[], ""] }],
  [{ "!=": [null, 0] }],

  "# Strict equality === and !==, array and object identity",
  [{ "===": [0, { "-": 0 }] }],
  [{ "!==": [{ "/": [0, 0] }, { "/": [0, 0] }] }],
  [{ "===": [null, { var: "x" }] }],
  [{ "===": [[1, 2], [1, 2]] }],
  [{ "==": [[1, 2], [1, 2]] }],
  [{ "===": [{ var: "a" }, { var: "a" }] }, { a: [1, 2] }],
  [{ "==": [{ var: "a" }, { var: "a" }] }, { a: [1, 2] }],
  [{ "===": [{ var: "a" }, { var: "b" }] }, { a: [1, 2], b: [1, 2] }],
  [{ "==": [{ var: "o" }, { var: "p" }] }, { o: { a: 1 }, p: { a: 1 } }],
  [{ "===": [{ var: "a" }, { if: [true, { var: "a" }, 0] }] }, { a: [1, 2] }],
  [{ "===": [{ var: "a" }, { "*": [{ var: "a" }] }] }, { a: [1, 2] }],
  [{ "===": [{ var: "a" }, { var: ["x", { var: "a" }] }] }, { a: [1, 2] }],
  [{ "===": [{ var: "a" }, { merge: [{ var: "a" }] }] }, { a: [1, 2] }],
  [{ "==": [{ var: "a" }, "1,2"] }, { a: [1, 2] }],

  "# Relational comparison > >= < <=",
  [{ "<": ["abc", "abd"] }],
  [{ "<": ["B", "a"] }],
  [{ ">": ["é", "z"] }],
  [{ "<": ["😀", "\uffff"] }],
  [{ "<": ["10", "9"] }],
  [{ "<": ["10", 9] }],
  [{ ">=": ["a", 1] }],
  [{ "<": ["", 1] }],
  [{ "<": [null, 1] }],
  [{ ">": [null, 0] }],
  [{ ">=": [null, 0] }],
  [{ "<": [{ var: "x" }, 1] }],
  [{ ">": [[2], 1] }],
  [{ ">": [[1, 2], 0] }],
  [{ "<": [[10], [9]] }],
  [{ "<=": [[1], [1]] }],
  [{ "<=": [{ a: 1, b: 2 }, { a: 1, b: 2 }] }],
  [{ "<": [{ "/": [0, 0] }, 1] }],
  [{ ">": ["0x10", 15] }],

  "# Between form of < and <= (three arguments)",
  [{ "<": [1, 2, 3] }],
  [{ "<": [1, 1, 3] }],
  [{ "<=": [1, 1, 1] }],
  [{ "<": [1, { var: "x" }, 3] }],
  [{ "<": [-1, { var: "x" }, 1] }],
  [{ "<=": [0, null, 0] }],
  [{ "<": [{ var: "x" }, 0, 1] }],
  [{ "<": [1, 2, null] }],
  [{ "<": ["1", "2", "10"] }],
  [{ "<": [0, "abc", 10] }],
  [{ "<": [0, { "/": [0, 0] }, 1] }],
  [{ "<": [1, [2], 3] }],

  "# Truthiness through !, !!, if, and, or",
  [{ "!": [0] }],
  [{ "!": [{ "-": 0 }] }],
  [{ "!": [""] }],
  [{ "!": "0" }],
  [{ "!": [[]] }],
  [{ "!": [[0]] }],
  [{ "!": [{}] }],
  [{ "!": [{ "/": [0, 0] }] }],
  [{ "!!": [[[]]] }],
  [{ "!!": [{ var: "e" }] }, { e: {} }],
  [{ "!!": [{ var: "e" }] }, { e: [] }],
  [{ "!!": { var: "z" } }, { z: 0 }],
  [{ if: [[], "t", "f"] }],
  [{ if: [{}, "t", "f"] }],
  [{ or: [{ var: "a" }, { var: "b" }, { var: "c" }, "t"] }, { a: [], b: "", c: 0 }],

  "# if and ?: argument counts",
  [{ if: [] }],
  [{ if: ["x"] }],
  [{ if: "x" }],
  [{ if: { var: "a" } }, { a: "v" }],
  [{ if: [false, 1] }],
  [{ if: [false, 1, true, 2] }],
  [{ if: [false, 1, false, 2] }],
  [{ if: [false, 1, 2, 3] }],
  [{ "?:": [0, "a", ""] }],

  "# and / or return operands, not booleans",
  [{ and: [1, "a", []] }],
  [{ and: [1, "a", [0]] }],
  [{ and: [{ var: "x" }, 1] }],
  [{ and: "x" }],
  [{ and: [true, { "/": [0, 0] }, 1] }],
  [{ or: [0, "", [], null] }],
  [{ or: [false, {}] }],
  [{ or: [{ "/": [0, 0] }, 0] }],
  [{ or: [[0], 1] }],

  "# Number formatting through cat",
  [{ cat: [{ "+": [0.1, 0.2] }] }],
  [{ cat: [1e21] }],
  [{ cat: [1e20] }],
  [{ cat: [1e-7] }],
  [{ cat: [0.000001] }],
  [{ cat: [123e-20] }],
  [{ cat: [123456789012345680000] }],
  [{ cat: [{ "-": 0 }] }],
  [{ cat: [{ "/": [1, 3] }] }],
  [{ cat: [{ "*": [9007199254740992, 2] }] }],
  [{ cat: [5e-324] }],
  [{ cat: [1.7976931348623157e308] }],
  [{ cat: [{ "/": [-1, 0] }, { "/": [0, 0] }] }],

  "# cat with non-string arguments",
  [{ cat: [] }],
  [{ cat: ["a", null, "b"] }],
  [{ cat: [{ var: "x" }] }],
  [{ cat: [true, false] }],
  [{ cat: [[1, [2, 3]]] }],
  [{ cat: [[null, 1, null]] }],
  [{ cat: [[true, [false, [null]]]] }],
  [{ cat: [{ a: 1, b: 2 }] }],
  [{ cat: [{}] }],

  "# substr",
  [{ substr: ["abcdef", 2] }],
  [{ substr: ["abcdef", -2] }],
  [{ substr: ["abcdef", 100] }],
  [{ substr: ["abcdef", 1, 2] }],
  [{ substr: ["abcdef", 1, -1] }],
  [{ substr: ["abcdef", -3, -1] }],
  [{ substr: ["abcdef", 1, -100] }],
  [{ substr: ["abcdef", 1.7, 2.9] }],
  [{ substr: ["abcdef", "2", "2"] }],
  [{ substr: ["abcdef", 0, "-1"] }],
  [{ substr: ["abcdef", 0, null] }],
  [{ substr: ["abcdef", "x"] }],
  [{ substr: [12345, 1, 2] }],
  [{ substr: [1e21, 0, 4] }],
  [{ substr: [null, 0, 2] }],
  [{ substr: [{ var: "x" }, 1] }],
  [{ substr: [[1, 2, 3], 1] }],
  [{ substr: [{ a: 1, b: 2 }, 1, 6] }],
  [{ substr: ["héllo wörld", 1, 4] }],
  [{ substr: ["日本語テキスト", -3, -1] }],

  "# in",
  [{ in: ["Spring", "Springfield"] }],
  [{ in: ["", "abc"] }],
  [{ in: ["", ""] }],
  [{ in: [1, "a1b"] }],
  [{ in: [null, "nullable"] }],
  [{ in: [[1, 2], "x1,2y"] }],
  [{ in: [1, ["1"]] }],
  [{ in: [null, [null]] }],
  [{ in: [0, [{ "-": 0 }]] }],
  [{ in: [{ "/": [0, 0] }, [{ "/": [0, 0] }]] }],
  [{ in: [[1], [[1]]] }],
  [{ in: [{ var: "l.0" }, { var: "l" }] }, { l: [[1], [2]] }],
  [{ in: [{ var: "a" }, [{ var: "a" }]] }, { a: [1] }],
  [{ in: [1, null] }],
  [{ in: [1, 123] }],
  [{ in: ["a", { var: "o" }] }, { o: { a: 1 } }],
  [{ in: ["x", { indexOf: 1, b: 2 }] }],

  "# merge",
  [{ merge: [] }],
  [{ merge: "a" }],
  [{ merge: [[1], [[2]], 3] }],
  [{ merge: [null] }],
  [{ merge: [{ a: 1, b: 2 }, [1]] }],
  [{ merge: [{ var: "a" }, { var: "x" }] }, { a: [1, 2] }],

  "# missing",
  [{ missing: ["a", "b", "c", "d", "e", "f", "g"] }, { a: "", b: null, c: 0, d: false, e: [], f: "x" }],
  [{ missing: ["x.y", "x.z", "x"] }, { x: { y: 1 } }],
  [{ missing: ["a.b"] }, { a: "str" }],
  [{ missing: [0, 1, 2, 3] }, ["x", "", null]],
  [{ missing: ["0", "01"] }, ["x"]],
  [{ missing: [1.5] }, { 1: { 5: "x" } }],
  [{ missing: [{ merge: ["a", ["b"]] }] }, { b: 1 }],
  [{ missing: { merge: ["a", "b"] } }, {}],
  [{ missing: [["a"], "b"] }, {}],
  [{ missing: ["a", ["b"]] }, {}],
  [{ missing: [""] }, {}],
  [{ missing: ["a"] }, null],

  "# missing_some",
  [{ missing_some: [1, ["a", "b", "c"]] }, { a: 1 }],
  [{ missing_some: [2, ["a", "b", "c"]] }, { a: 1 }],
  [{ missing_some: [0, ["a"]] }, {}],
  [{ missing_some: [5, ["a", "b"]] }, { a: 1, b: 2 }],
  [{ missing_some: [1, ["a", "b"]] }, { a: "", b: null }],
  [{ missing_some: ["2", ["a", "b"]] }, { a: 1 }],
  [{ missing_some: [null, ["a"]] }, {}],
  [{ missing_some: [1, "ab"] }, {}],
  [{ missing_some: [2, "ab"] }, {}],
  [{ missing_some: [1, 5] }, {}],
  [{ missing_some: [1, null] }, {}],

  "# var: paths, indexes, defaults",
  [{ var: "a.b.c" }, { a: { b: { c: "deep" } } }],
  [{ var: "a.1.x.0" }, { a: [{ x: [10, 20] }, { x: [30] }] }],
  [{ var: "a.length" }, { a: [1, 2, 3] }],
  [{ var: "a.length" }, { a: "abc" }],
  [{ var: "length" }, "héllo"],
  [{ var: "a.length" }, { a: { b: 1 } }],
  [{ var: "0" }, "abc"],
  [{ var: "3" }, "abc"],
  [{ var: "01" }, ["a", "b"]],
  [{ var: 1 }, [10, 20]],
  [{ var: 1.5 }, { 1: { 5: "one.five" } }],
  [{ var: 1e21 }, { "1e+21": "big" }],
  [{ var: 1e-7 }, { "1e-7": "tiny" }],
  [{ var: true }, { true: "yes" }],
  [{ var: null }, { a: 1 }],
  [{ var: [] }, { a: 1 }],
  [{ var: [[]] }, { a: 1 }],
  [{ var: [[]] }, { "": "empty key" }],
  [{ var: [["a", "b"]] }, { "a,b": "joined" }],
  [{ var: "." }, { "": { "": "dots" } }],
  [{ var: "a" }, 5],
  [{ var: ["a", "dflt"] }, { a: null }],
  [{ var: ["a.b", "dflt"] }, { a: null }],
  [{ var: ["a", "dflt"] }, {}],
  [{ var: ["a", { "+": [1, 2] }] }, {}],
  [{ var: ["a", "dflt"] }, 5],
  [{ var: { cat: ["a", ".", "b"] } }, { a: { b: "computed" } }],
  [{ var: { var: "key" } }, { key: "val", val: 42 }],
  [{ var: "a.b" }, { "a.b": "flat", a: { b: "nested" } }],

  "# map, filter, all, none, some",
  [{ map: [{ var: "s" }, { var: "" }] }, { s: "abc" }],
  [{ map: [{ var: "o" }, 1] }, { o: { a: 1 } }],
  [{ map: [[1, 2], { "*": [{ var: "" }, 2] }] }],
  [{ map: [{ var: "items" }, { var: "x" }] }, { items: [{ x: 1 }, { x: 2 }, {}] }],
  [{ map: [[[1, 2], [3]], { map: [{ var: "" }, { "+": [{ var: "" }, 1] }] }] }],
  [{ map: [[1, 2], { var: "a" }] }, { a: 5 }],
  [{ map: [[1, 2], [{ var: "" }, "x"]] }],
  [{ map: [["ab", "c", 5], { var: "length" }] }],
  [{ filter: [[0, 1, "", [], [0], null, "a", {}], { var: "" }] }],
  [{ filter: ["abc", true] }],
  [{ filter: [{ var: "items" }, { var: "a" }] }, { items: [{ a: 1 }, { a: 0 }, { b: 1 }] }],
  [{ all: [[], true] }],
  [{ all: ["abc", true] }],
  [{ all: [[[]], { var: "" }] }],
  [{ none: [[], true] }],
  [{ none: [null, true] }],
  [{ none: [[0, [0]], { var: "" }] }],
  [{ some: [[], true] }],
  [{ some: [[0, "0"], { var: "" }] }],

  "# reduce",
  [{ reduce: [[1, 2, 3], { "+": [{ var: "accumulator" }, { var: "current" }] }] }],
  [{ reduce: [[1, 2, 3], { "+": [{ var: "accumulator" }, { var: "current" }] }, 0] }],
  [{ reduce: [[], { "+": [1, 1] }] }],
  [{ reduce: [[], { "+": [1, 1] }, 7] }],
  [{ reduce: ["abc", { "+": [1, 1] }, 7] }],
  [{ reduce: [[1, 2], { var: "" }] }],
  [{ reduce: [[1, 2], { var: "" }, 0] }],
  [{ reduce: [[1, 2, 3], { cat: [{ var: "accumulator" }, { var: "current" }] }] }],
  [{ reduce: [[1, 2], { var: "accumulator" }, { var: "a" }] }, { a: 5 }],
  [{ reduce: [[1, 2], { var: "a" }, 0] }, { a: 5 }],
  [{ reduce: [[1, 2], { "-": [{ var: "current" }, { var: "accumulator" }] }] }],

  "# log returns its argument",
  [{ log: "x" }],
  [{ log: [[1, 2]] }],
  [{ log: { var: "a" } }, { a: { b: [1] } }],

  "# Arrays containing logic, and objects that are not single-key logic",
  [[{ var: "a" }, { "+": [1, 2] }, "x"], { a: 1 }],
  [[[{ var: "a" }], []], { a: 1 }],
  [{}],
  [{ a: 1, b: 2 }],
  [{ var: "a", x: 1 }, { a: 1 }],
  [{ "==": [{}, {}] }],
  [{ if: [{ var: "a", "+": 1 }, "yes", "no"] }],
  [{ map: [[1], { var: "", x: 1 }] }],
];

// ---------------------------------------------------------------------------
// Validation of the hand-written cases.
// ---------------------------------------------------------------------------
const INF = Infinity;
const ARITY = {
  var: [0, 2], missing: [0, INF], missing_some: [2, 2], if: [0, INF], "?:": [0, INF],
  and: [1, INF], or: [1, INF],
  "==": [2, 2], "===": [2, 2], "!=": [2, 2], "!==": [2, 2],
  ">": [2, 2], ">=": [2, 2], "<": [2, 3], "<=": [2, 3], "!": [1, 1], "!!": [1, 1],
  max: [1, INF], min: [1, INF], "+": [0, INF], "-": [1, 2], "*": [1, INF],
  "/": [2, 2], "%": [2, 2],
  map: [2, 2], filter: [2, 2], all: [2, 2], none: [2, 2], some: [2, 2], reduce: [2, 3],
  merge: [0, INF], in: [2, 2], cat: [0, INF], substr: [2, 3], log: [1, 1],
};

function isPlainObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function checkPlainJson(v, where) {
  if (v === null || typeof v === "string" || typeof v === "boolean") return;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error(`${where}: non-finite number`);
    if (Object.is(v, -0)) throw new Error(`${where}: -0 does not survive JSON`);
    return;
  }
  if (Array.isArray(v)) { v.forEach((x) => checkPlainJson(x, where)); return; }
  if (isPlainObject(v) && Object.getPrototypeOf(v) === Object.prototype) {
    Object.values(v).forEach((x) => checkPlainJson(x, where));
    return;
  }
  throw new Error(`${where}: not plain JSON (${typeof v})`);
}

function checkRule(rule, where) {
  if (Array.isArray(rule)) { rule.forEach((r) => checkRule(r, where)); return; }
  if (!isPlainObject(rule) || Object.keys(rule).length !== 1) return; // literal
  const op = Object.keys(rule)[0];
  const limits = ARITY[op];
  if (!limits) throw new Error(`${where}: operator ${JSON.stringify(op)} is not allowed`);
  const args = Array.isArray(rule[op]) ? rule[op] : [rule[op]];
  if (args.length < limits[0] || args.length > limits[1]) {
    throw new Error(`${where}: ${op} takes ${limits[0]}..${limits[1]} arguments, got ${args.length}`);
  }
  args.forEach((a) => checkRule(a, where));
}

// ---------------------------------------------------------------------------
// Evaluation and formatting.
// ---------------------------------------------------------------------------
// Only characters that are invisible or confusing in an editor are escaped;
// other non-ASCII text (é, 日本語, emoji) is written as UTF-8.
const INVISIBLE = /[\u007f-\u00a0\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\ufff0-\uffff]/g;
function stringify(v) {
  return JSON.stringify(v).replace(INVISIBLE,
    (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
}

function evaluate(rule, data) {
  const savedLog = console.log;
  console.log = () => {}; // the "log" operator must not pollute the report
  try {
    const result = jsonLogic.apply(rule, data);
    return { ok: true, expected: result === undefined ? null : JSON.parse(JSON.stringify(result)) };
  } catch (err) {
    return { ok: false, error: String(err && err.message ? err.message : err) };
  } finally {
    console.log = savedLog;
  }
}

function build() {
  const entries = [];
  const thrown = [];
  const seen = new Set();
  let heading = "(none)";
  let count = 0;
  const perSection = [];
  entries.push(`# Generated by tests/reference/generate_edge_cases.mjs from json-logic-js ${REFERENCE_VERSION}; do not edit by hand`);
  CASES.forEach((item, index) => {
    const where = `case #${index} under ${JSON.stringify(heading)}`;
    if (typeof item === "string") {
      heading = item;
      entries.push(item);
      perSection.push([item, 0]);
      return;
    }
    if (!Array.isArray(item) || item.length < 1 || item.length > 2) throw new Error(`${where}: malformed`);
    const [rawRule, rawData = {}] = item;
    checkPlainJson(rawRule, where);
    checkPlainJson(rawData, where);
    checkRule(rawRule, where);
    // Evaluate exactly what will be written to the file.
    const rule = JSON.parse(JSON.stringify(rawRule));
    const data = JSON.parse(JSON.stringify(rawData));
    const key = JSON.stringify([rule, data]);
    if (seen.has(key)) throw new Error(`${where}: duplicate case ${key}`);
    seen.add(key);
    const r = evaluate(rule, data);
    if (!r.ok) { thrown.push({ heading, rule, data, error: r.error }); return; }
    entries.push([rule, data, r.expected]);
    perSection[perSection.length - 1][1] += 1;
    count += 1;
  });
  const lines = entries.map((e) => (typeof e === "string" ? stringify(e) : `[ ${e.map(stringify).join(", ")} ]`));
  const text = "[\n" + lines.map((l, i) => "  " + l + (i + 1 < lines.length ? "," : "")).join("\n") + "\n]\n";
  return { text, lines, count, thrown, perSection };
}

function report({ count, thrown, perSection }) {
  console.log(`== Cases written (${count}, reference json-logic-js ${REFERENCE_VERSION}) ==`);
  for (const [h, n] of perSection) console.log(`  ${String(n).padStart(3)}  ${h}`);
  console.log("");
  console.log(`== Cases the reference threw on (${thrown.length}, not written) ==`);
  for (const t of thrown) {
    console.log(`  ${stringify(t.rule)}  data=${stringify(t.data)}  [${t.heading}]`);
    console.log(`      -> ${t.error}`);
  }
}

const built = build();
const outRel = relative(process.cwd(), OUTPUT) || OUTPUT;

if (process.argv.includes("--check")) {
  let current;
  try { current = readFileSync(OUTPUT, "utf8"); } catch {
    console.log(`${outRel} does not exist; run: node generate_edge_cases.mjs`);
    process.exit(1);
  }
  if (current === built.text) {
    console.log(`${outRel} is up to date (${built.count} cases).`);
    process.exit(0);
  }
  const strip = (l) => l.trim().replace(/,$/, "");
  const have = current.split("\n").map(strip).filter((l) => l && l !== "[" && l !== "]");
  const want = built.lines;
  const haveSet = new Set(have);
  const wantSet = new Set(want);
  console.log(`${outRel} is out of date. Differing cases:`);
  for (const l of have) if (!wantSet.has(l)) console.log(`  - ${l}`);
  for (const l of want) if (!haveSet.has(l)) console.log(`  + ${l}`);
  if (have.length === want.length && have.every((l) => wantSet.has(l)) && want.every((l) => haveSet.has(l))) {
    console.log("  (same cases, different order or formatting)");
  }
  console.log("Regenerate with: node generate_edge_cases.mjs");
  process.exit(1);
}

mkdirSync(dirname(OUTPUT), { recursive: true });
writeFileSync(OUTPUT, built.text);
console.log(`Wrote ${outRel}`);
report(built);
