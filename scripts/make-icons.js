#!/usr/bin/env node
// Draws the Teams app icons from geometry, with no image library: a white shield (protection: IRM)
// with a cross (the doctor) on the accent blue for manifest/color.png (192×192), and the same
// shield as a white outline on transparent for manifest/outline.png (32×32, Teams' outline rule:
// white and transparent only). Edges are anti-aliased by 8×8 supersampling.
//
//   node scripts/make-icons.js           rewrite both PNGs
//   node scripts/make-icons.js --check   exit 1 if the committed PNGs differ (in pixels) from the drawing
'use strict';

const fs = require('fs');
const path = require('path');
const { encodePng, decodePng } = require('./lib/png');

const ACCENT = [0x2b, 0x57, 0x9a]; // manifest accentColor #2B579A
const WHITE = [255, 255, 255];
const SAMPLES = 8;

/** Is (u, v) inside a shield filling the unit box? Flat shoulders, a shallow dip at the top, a pointed base. */
function inShield(u, v) {
  if (u < 0 || u > 1 || v > 1) return false;
  const x = 2 * u - 1; // -1 … 1 across
  if (v < 0.07 * (1 - x * x)) return false; // the dip in the top edge
  const shoulder = 0.42;
  if (v <= shoulder) return true;
  const t = (v - shoulder) / (1 - shoulder);
  return Math.abs(x) <= Math.cos((t * Math.PI) / 2);
}

/** Is (u, v) on the plus sign centred at (0.5, cy) with arms `arm` long and `half` thick (unit box)? */
function inCross(u, v, cy, arm, half) {
  const dx = Math.abs(u - 0.5);
  const dy = Math.abs(v - cy);
  return (dx <= half && dy <= arm) || (dy <= half && dx <= arm);
}

/** Coverage (0…1) of pixel (px, py) by `inside(x, y)` in pixel coordinates. */
function coverage(px, py, inside) {
  let hits = 0;
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) if (inside(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES)) hits++;
  }
  return hits / (SAMPLES * SAMPLES);
}

/** Maps a shape in the unit box onto the pixel box (left, top, width, height). */
function placed(shape, left, top, width, height) {
  return (x, y) => shape((x - left) / width, (y - top) / height);
}

/** 192×192 colour icon: accent background, white shield inside Teams' 120×120 safe area, accent cross. */
function renderColor() {
  const size = 192;
  const rgba = new Uint8Array(size * size * 4);
  const shield = placed(inShield, 48, 36, 96, 120);
  const cross = placed((u, v) => inCross(u, v, 0.43, 0.25, 0.085), 48, 36, 96, 120);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const s = coverage(x, y, shield);
      const c = coverage(x, y, cross);
      const i = (y * size + x) * 4;
      for (let k = 0; k < 3; k++) {
        const onShield = WHITE[k] * (1 - c) + ACCENT[k] * c;
        rgba[i + k] = Math.round(ACCENT[k] * (1 - s) + onShield * s);
      }
      rgba[i + 3] = 255;
    }
  }
  return { width: size, height: size, rgba };
}

/** 32×32 outline icon: the shield's rim and the cross in white, everything else fully transparent. */
function renderOutline() {
  const size = 32;
  const rgba = new Uint8Array(size * size * 4);
  const left = 5;
  const top = 2;
  const w = 22;
  const h = 28;
  const stroke = 2;
  const outer = placed(inShield, left, top, w, h);
  // Inside the rim: every point `stroke` away (8 directions) is still in the shield.
  const dirs = [...Array(8).keys()].map((k) => [Math.cos((k * Math.PI) / 4) * stroke, Math.sin((k * Math.PI) / 4) * stroke]);
  const inner = (x, y) => dirs.every(([dx, dy]) => outer(x + dx, y + dy));
  const cross = placed((u, v) => inCross(u, v, 0.42, 0.2, 0.045), left, top, w, h);
  const mark = (x, y) => (outer(x, y) && !inner(x, y)) || cross(x, y);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const a = Math.round(coverage(x, y, mark) * 255);
      // Fully transparent pixels are stored as 0,0,0,0; every visible one is pure white.
      if (a > 0) rgba.set([255, 255, 255, a], i);
    }
  }
  return { width: size, height: size, rgba };
}

const ICONS = { 'color.png': renderColor, 'outline.png': renderOutline };

function main(argv) {
  const dir = path.join(__dirname, '..', 'manifest');
  const check = argv.includes('--check');
  let stale = 0;
  for (const [file, render] of Object.entries(ICONS)) {
    const img = render();
    const target = path.join(dir, file);
    if (check) {
      let same = false;
      try {
        const old = decodePng(fs.readFileSync(target));
        same = old.width === img.width && old.height === img.height && Buffer.from(old.rgba).equals(Buffer.from(img.rgba));
      } catch {
        same = false;
      }
      if (!same) {
        stale++;
        console.error(`manifest/${file} is missing or differs from scripts/make-icons.js: run node scripts/make-icons.js`);
      }
    } else {
      fs.writeFileSync(target, encodePng(img.width, img.height, img.rgba));
      console.log(`wrote manifest/${file} (${img.width}×${img.height})`);
    }
  }
  return stale ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = { renderColor, renderOutline };
