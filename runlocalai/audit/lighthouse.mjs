// Lighthouse over a list of pages, mobile and desktop, in one Chromium.
//
//   node runlocalai/audit/lighthouse.mjs <base-url> '<json [{name, path}, …]>' \
//     'mobile=performance,accessibility,best-practices,seo;desktop=performance'
//
// Prints one JSON line per page and preset as it finishes (the audit command reads
// them as they come). Lighthouse and chrome-launcher come from the repository's
// package-lock.json (npm ci into node_modules/); CHROME_PATH names the Chromium.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const SKIPPED = [
  "bf-cache",
  "final-screenshot",
  "screenshot-thumbnails",
  "script-treemap-data",
  "valid-source-maps",
];
const [base, pagesJson, presetsArg] = process.argv.slice(2);
const pages = JSON.parse(pagesJson);
// preset → the categories to run with it.
const presets = (presetsArg || `mobile=${CATEGORIES};desktop=${CATEGORIES}`)
  .split(";")
  .map((spec) => spec.split("="))
  .map(([preset, categories]) => [preset, categories.split(",")]);

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    // The network is closed here: no background calls home.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

function failingAudits(lhr) {
  const failing = [];
  for (const [category, { auditRefs }] of Object.entries(lhr.categories)) {
    for (const ref of auditRefs) {
      const audit = lhr.audits[ref.id];
      if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
        failing.push(`${category}: ${ref.id} (${Math.round(audit.score * 100)})`);
      }
    }
  }
  return failing;
}

try {
  for (const page of pages) {
    for (const [preset, categories] of presets) {
      const started = Date.now();
      const flags = {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: categories,
        // Unscored extras that cost seconds per run on a 2-core machine.
        disableFullPageScreenshot: true,
        // A page kept out of search engines on purpose (search results) is not
        // "uncrawlable" by mistake; every other SEO audit still counts.
        skipAudits: page.noindex ? [...SKIPPED, "is-crawlable"] : SKIPPED,
        // The TLS-terminating proxy's header: the app answers as it does in production.
        extraHeaders: { "X-Forwarded-Proto": "https" },
      };
      const config = preset === "desktop" ? desktopConfig : undefined;
      const row = { name: page.name, path: page.path, preset, categories };
      try {
        let { lhr } = await lighthouse(base + page.path, flags, config);
        if (lhr.runtimeError) {
          // Trace recording fails now and then on a busy machine; one retry, reported.
          row.retried = lhr.runtimeError.message;
          ({ lhr } = await lighthouse(base + page.path, flags, config));
        }
        row.scores = Object.fromEntries(
          Object.entries(lhr.categories).map(([id, category]) => [
            id,
            category.score === null ? null : Math.round(category.score * 100),
          ]),
        );
        row.failing = failingAudits(lhr);
        row.error = lhr.runtimeError ? lhr.runtimeError.message : null;
        row.metrics = Object.fromEntries(
          ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time"]
            .filter((id) => lhr.audits[id])
            .map((id) => [id, Math.round(lhr.audits[id].numericValue)]),
        );
      } catch (error) {
        row.error = String(error);
      }
      row.seconds = (Date.now() - started) / 1000;
      console.log(JSON.stringify(row));
    }
  }
} finally {
  chrome.kill();
}
