#!/usr/bin/env node
// Writes synthetic glutamine-questionnaire answers (contract v1) as JSON lines.
//
//   node generate_respondents.mjs --count N --seed S > respondents.jsonl
//
// Every contract field is present on every line and none is null, so both
// json-logic-js and json-logic-engine read the same values (they differ on
// null and absent values). The output is a pure function of --count and --seed.

const USAGE = 'usage: node generate_respondents.mjs --count N --seed S'

function parseArgs (argv) {
  const opts = { count: null, seed: 1 }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const value = argv[i + 1]
    if (arg === '--count' || arg === '--seed') {
      if (value === undefined || !/^\d+$/.test(value)) fail(`${arg} needs a non-negative integer, got ${value}`)
      opts[arg.slice(2)] = Number(value)
      i++
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(USAGE + '\n')
      process.exit(0)
    } else {
      fail(`unknown argument ${arg}`)
    }
  }
  if (opts.count === null) fail('--count is required')
  return opts
}

function fail (message) {
  process.stderr.write(`generate_respondents: ${message}\n${USAGE}\n`)
  process.exit(2)
}

// mulberry32: a small, well-known 32-bit PRNG; good enough for test data.
function mulberry32 (seed) {
  let a = seed >>> 0
  return function next () {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const PROBLEMS = ['fewer_colds', 'gut_symptoms', 'treatment_mouth_throat', 'surgery_or_burns', 'heavy_training']
const PROBLEM_WEIGHTS = [35, 25, 8, 10, 22]

// Products people actually stack: glutamine powders, recovery blends that hide
// glutamine in the label, and common supplements with none at all.
const PRODUCTS = [
  { name: 'L-Glutamine Powder', grams: [5, 5, 2.5, 10] },
  { name: 'Pure Glutamine Capsules', grams: [0.5, 1, 1.5] },
  { name: 'Micronized L-Glutamine', grams: [5, 3] },
  { name: 'Recovery Blend BCAA + Glutamine', grams: [2.5, 3, 5] },
  { name: 'Whey Protein Isolate', grams: [4.5, 3.9, 4.2] },
  { name: 'Gut Health Complex', grams: [1.5, 2, 3.5] },
  { name: "Nature's Own Immune Support", grams: [0, 0.5] },
  { name: 'Post-Workout Amino Stack', grams: [2, 2.5, 1.2] },
  { name: 'Vitamin D3 2000 IU', grams: [0] },
  { name: 'Zinc Picolinate', grams: [0] },
  { name: 'Probiotic 50B', grams: [0] },
  { name: 'Creatine Monohydrate', grams: [0] },
  { name: 'Fish Oil Omega-3', grams: [0] }
]

function makeGenerator (rand) {
  const chance = (p) => rand() < p
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1))
  const pick = (items) => items[Math.floor(rand() * items.length)]
  const weighted = (items, weights) => {
    const total = weights.reduce((a, b) => a + b, 0)
    let r = rand() * total
    for (let i = 0; i < items.length; i++) {
      r -= weights[i]
      if (r < 0) return items[i]
    }
    return items[items.length - 1]
  }
  // A value on a grid of `step`, rounded so it prints as a short decimal.
  const stepped = (lo, hi, step) => Math.round((lo + Math.floor(rand() * ((hi - lo) / step + 1)) * step) * 100) / 100

  function supplement (taken) {
    let product = pick(PRODUCTS)
    while (taken.has(product.name)) product = pick(PRODUCTS)
    taken.add(product.name)
    return {
      name: product.name,
      glutamine_g_per_serving: pick(product.grams),
      servings_per_day: weighted([0.5, 1, 2, 3], [5, 55, 32, 8]),
      third_party_tested: chance(0.55)
    }
  }

  return function respondent () {
    const problem = weighted(PROBLEMS, PROBLEM_WEIGHTS)
    const age = problem === 'heavy_training' ? int(15, 58) : int(16, 88)
    const medical = problem === 'treatment_mouth_throat' || problem === 'surgery_or_burns'
    const older = age >= 60
    const childbearing = age >= 18 && age <= 45
    const training = problem === 'heavy_training'
    const supplementCount = weighted([0, 1, 2, 3, 4], [20, 35, 25, 13, 7])
    const supplements = []
    const taken = new Set()
    for (let i = 0; i < supplementCount; i++) supplements.push(supplement(taken))

    const liver = weighted(['none', 'mild', 'advanced'], older ? [84, 12, 4] : [92, 6, 2])
    return {
      age,
      problem,
      pregnant: childbearing && chance(0.06),
      breastfeeding: childbearing && chance(0.05),
      liver_disease: liver,
      hepatic_encephalopathy_history: liver === 'advanced' ? chance(0.35) : chance(0.003),
      kidney_disease: weighted(['none', 'monitored', 'severe_failure'], older ? [82, 14, 4] : [93, 5, 2]),
      multiorgan_failure: chance(medical ? 0.04 : 0.005),
      cancer_treatment_active: problem === 'treatment_mouth_throat' ? chance(0.85) : chance(0.03),
      icu_recent: problem === 'surgery_or_burns' ? chance(0.4) : chance(0.02),
      neuro_symptoms_unexplained: chance(0.04),
      prescription_count: older || medical ? int(0, 9) : weighted([0, 1, 2, 3, 4, 5], [45, 25, 14, 8, 5, 3]),
      supplements,
      sleep_hours: stepped(4, 10, 0.5),
      meals_regular: chance(0.7),
      protein_each_meal: chance(0.55),
      hydration_ok: chance(0.65),
      alcohol_heavy: chance(0.12),
      training_hours_per_week: training ? stepped(6, 22, 0.5) : stepped(0, 8, 0.5),
      rest_days_per_week: training ? int(0, 3) : int(1, 7)
    }
  }
}

function main () {
  const { count, seed } = parseArgs(process.argv.slice(2))
  const next = makeGenerator(mulberry32(seed))
  const chunkLimit = 1 << 20
  let chunk = ''
  for (let i = 0; i < count; i++) {
    chunk += JSON.stringify(next()) + '\n'
    if (chunk.length >= chunkLimit) {
      process.stdout.write(chunk)
      chunk = ''
    }
  }
  if (chunk.length) process.stdout.write(chunk)
}

main()
