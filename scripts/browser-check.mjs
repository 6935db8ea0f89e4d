// The browser check's checks, run by scripts/browser-check with puppeteer-core and axe-core
// from npm and Debian's Chromium. For every page, at a desktop and a phone size, it fails when:
// the page scrolls sideways; a required element is missing (title, inputs, sources, the date it
// was made); a click on a figure column's header does not order the rows by their values
// (unknowns last, both ways); the console reports an error; axe-core finds a violation (light
// and dark). The plan of ten routes must print on at most two A4 pages.
//
// Usage: node browser-check.mjs CHROMIUM PAGES_DIR [SAVE_DIR]
// PAGES_DIR holds NAME.html files and pages.json: [{name, needs: [...], print?: true, shots?: true}].

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const puppeteer = require("puppeteer-core");
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const [browserPath, dir, saveDir] = process.argv.slice(2);
const pages = JSON.parse(fs.readFileSync(path.join(dir, "pages.json"), "utf8"));
const sizes = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
];

// What each required element is, as a selector that must match something with text.
const required = {
  title: "h1",
  made: ".made time[datetime]",
  inputs: ".inputs dd",
  sources: ".sources li",
};

const browser = await puppeteer.launch({
  executablePath: browserPath,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--font-render-hinting=none"],
});
const failures = [];
let checks = 0;
const fail = (where, what) => failures.push(`${where}: ${what}`);

// The rows' sort keys in column `index`, as the page's own data-sort gives them.
const keysOf = (page, tableIndex, index) =>
  page.evaluate(
    (t, i) =>
      Array.from(document.querySelectorAll("table")[t].tBodies[0].rows).map((r) => {
        const d = r.cells[i] && r.cells[i].getAttribute("data-sort");
        return d ? d.split(" ").map(Number) : null;
      }),
    tableIndex,
    index,
  );

// Whether `keys` are in order (ascending or not), unknowns last.
function ordered(keys, ascending) {
  const known = keys.filter((k) => k !== null);
  const firstUnknown = keys.indexOf(null);
  if (firstUnknown !== -1 && keys.slice(firstUnknown).some((k) => k !== null)) return false;
  for (let i = 1; i < known.length; i++) {
    const [a, b] = [known[i - 1], known[i]];
    const o = a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
    if (ascending ? o > 0 : o < 0) return false;
  }
  return true;
}

async function checkSorting(page, where) {
  // The first figure column of the first table with at least three distinct values.
  const target = await page.evaluate(() => {
    const tables = Array.from(document.querySelectorAll("table"));
    for (let t = 0; t < tables.length; t++) {
      const heads = Array.from(tables[t].tHead ? tables[t].tHead.rows[0].cells : []);
      for (const th of heads) {
        // A figure column other than the rank, which is in order already.
        if (!th.classList.contains("num") || !th.querySelector("button") || th.textContent.trim() === "#") continue;
        const values = new Set(
          Array.from(tables[t].tBodies[0].rows)
            .map((r) => r.cells[th.cellIndex] && r.cells[th.cellIndex].getAttribute("data-sort"))
            .filter(Boolean),
        );
        if (values.size >= 3) return { table: t, column: th.cellIndex, header: th.textContent };
      }
    }
    return null;
  });
  if (!target) return;
  const button = async () =>
    (await page.$$("table"))[target.table].$(`thead th:nth-child(${target.column + 1}) button`);
  for (const ascending of [true, false]) {
    await (await button()).click();
    const keys = await keysOf(page, target.table, target.column);
    const sort = await page.evaluate(
      (t, i) => document.querySelectorAll("table")[t].tHead.rows[0].cells[i].getAttribute("aria-sort"),
      target.table,
      target.column,
    );
    checks++;
    if (sort !== (ascending ? "ascending" : "descending")) {
      fail(where, `after a click "${target.header}" says aria-sort=${sort}`);
    }
    if (!ordered(keys, ascending)) {
      fail(where, `a click on "${target.header}" did not order the rows ${ascending ? "up" : "down"} by value: ${JSON.stringify(keys)}`);
    }
  }
}

async function checkAxe(page, where) {
  for (const scheme of ["light", "dark"]) {
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
    await page.evaluate(axeSource);
    const result = await page.evaluate(() =>
      axe.run(document, { resultTypes: ["violations"], runOnly: ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"] }),
    );
    checks++;
    for (const v of result.violations) {
      const nodes = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ");
      fail(`${where} (${scheme})`, `axe ${v.id}: ${v.help} [${nodes}]`);
    }
  }
  await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "light" }]);
}

for (const spec of pages) {
  const file = "file://" + path.resolve(dir, `${spec.name}.html`);
  for (const size of sizes) {
    const where = `${spec.name} at ${size.width}x${size.height}`;
    const page = await browser.newPage();
    await page.setBypassCSP(true); // for axe only: the pages themselves load nothing
    const errors = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.setViewport(size);
    await page.goto(file, { waitUntil: "load" });
    checks++;
    const sideways = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      view: document.documentElement.clientWidth,
    }));
    if (sideways.page > sideways.view) {
      fail(where, `the page scrolls sideways (${sideways.page} px wide in ${sideways.view})`);
    }
    for (const need of spec.needs) {
      checks++;
      const found = await page.$$eval(required[need], (els) => els.filter((e) => e.textContent.trim()).length);
      if (found === 0) fail(where, `no ${need} (${required[need]})`);
    }
    await checkSorting(page, where);
    await checkAxe(page, where);
    if (spec.print && size.name === "desktop") {
      checks++;
      const pdf = Buffer.from(await page.pdf({ format: "A4", printBackground: false }));
      const count = (pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) || []).length;
      if (count > 2) fail(where, `prints on ${count} A4 pages (at most 2)`);
      console.log(`${spec.name}: prints on ${count} A4 page(s)`);
    }
    if (saveDir && spec.shots) {
      // A fresh page, from the top: the question, the inputs and the answer come first.
      const shot = await browser.newPage();
      await shot.setViewport({ ...size, deviceScaleFactor: 1 });
      await shot.goto(file, { waitUntil: "load" });
      await shot.screenshot({ path: path.join(saveDir, `${spec.name}-${size.name}.png`) });
      await shot.close();
    }
    checks++;
    for (const e of errors) fail(where, `console error: ${e}`);
    await page.close();
  }
}
await browser.close();
for (const f of failures) console.log(`browser check: ${f}`);
console.log(`browser check: ${pages.length} pages at ${sizes.length} sizes, ${checks} checks, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
