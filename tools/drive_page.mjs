// Drive purebp's page (python -m purebp web) in headless Chromium and print
// what it shows, as JSON, for tests/test_web.py to compare with the command line.
//
//   node tools/drive_page.mjs URL PLAN.json
//
// PLAN is a list of actions, done in order:
//   {"open": "?data=seed"}            load the page (a fresh browser profile each time the
//                                     test runs), wait until Step can be pressed
//   {"set": {"layers": "3,4,1"}}      fill in or choose settings, as a person would
//   {"step": "NAME"}                  press Step; record the story shown as NAME
//   {"run": "NAME"}                   press Run, wait until it stops; record the state as NAME
//   {"language": true}                press the language button
//   {"story": "NAME"}                 record the story shown, as it is now
//   {"form": "NAME"}                  record the settings shown, the error and the page's language
//   {"screenshot": "FILE.png", "width": 1360, "height": 900}   a picture of the page's top
// The output also has the page's load figures: bytes transferred (as the
// browser counts them: compressed, with headers), the time from navigation to
// the first step shown, and every address the page asked for.
//
// Chromium is Debian's (/usr/bin/chromium, or $PUREBP_CHROMIUM); the driver is
// npm's playwright-core, which uses it and downloads no browser of its own.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

const [url, planFile] = process.argv.slice(2);
const plan = JSON.parse(fs.readFileSync(planFile, "utf8"));
const executablePath = process.env.PUREBP_CHROMIUM || "/usr/bin/chromium";
const profile = fs.mkdtempSync(path.join(os.tmpdir(), "purebp-page-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath, headless: true, viewport: {width: 1360, height: 900},
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const result = {records: {}, requests: [], console: [], loads: []};
try {
  const page = context.pages()[0] || await context.newPage();
  page.on("console", (message) => result.console.push(message.type() + ": " + message.text()));
  page.on("pageerror", (error) => result.console.push("pageerror: " + error.message));
  page.on("request", (request) => result.requests.push(request.url()));
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", {cacheDisabled: true});
  let bytes = 0;
  cdp.on("Network.loadingFinished", (event) => { bytes += event.encodedDataLength; });

  let load = null;
  for (const action of plan) {
    if ("open" in action) {
      bytes = 0;
      await page.goto(url + action.open);
      await page.waitForSelector("#step:not([disabled]), #error:not([hidden])", {timeout: 60000});
      const ready = await page.evaluate(() => performance.now());
      const error = await page.$eval("#error", (e) => e.hidden ? null : e.textContent);
      const status = await page.$eval("#status", (e) => e.textContent);
      load = {query: action.open, ready_ms: ready, error, status};
      result.loads.push(load);
    } else if ("set" in action) {
      for (const [name, value] of Object.entries(action.set)) {
        const tag = await page.$eval("#" + name, (element) => element.tagName);
        if (tag === "SELECT") await page.selectOption("#" + name, value);
        else await page.fill("#" + name, value);
        await page.$eval("#" + name, (element) => element.dispatchEvent(new Event("change")));
      }
      await page.waitForFunction(() => document.querySelector("#status").dataset.iteration === "0"
                                        || !document.querySelector("#error").hidden);
      result.records["error_after_set"] = await page.$eval("#error", (e) => e.hidden ? null : e.textContent);
    } else if ("step" in action) {
      const before = await page.$eval("#status", (e) => Number(e.dataset.iteration));
      await page.click("#step");
      await page.waitForFunction((n) => Number(document.querySelector("#status").dataset.iteration) === n
                                        && document.querySelector("#story .q"), before + 1);
      if (load && load.first_step_ms === undefined) {
        load.first_step_ms = await page.evaluate(() => performance.now());
        load.bytes = bytes;
      }
      result.records[action.step] = await readStory(page);
    } else if ("run" in action) {
      const started = await page.evaluate(() => performance.now());
      await page.click("#run");
      await page.waitForFunction(() => document.querySelector("#status").dataset.running === "no",
                                 null, {timeout: 120000, polling: 20});
      const ended = await page.evaluate(() => performance.now());
      result.records[action.run] = Object.assign(await readState(page), {ms: ended - started});
    } else if ("language" in action) {
      const title = await page.$eval("#story h2", (e) => e.textContent).catch(() => null);
      await page.click("#language");
      await page.waitForFunction((old) => {
        const h2 = document.querySelector("#story h2");
        return document.documentElement.lang !== "en" || !h2 || h2.textContent !== old;
      }, title);
      await page.waitForTimeout(200);
    } else if ("story" in action) {
      result.records[action.story] = await readStory(page);
    } else if ("form" in action) {
      result.records[action.form] = await page.evaluate(() => {
        const form = {};
        for (const element of document.querySelectorAll("#settings select, #settings input")) {
          form[element.id] = element.type === "checkbox" ? element.checked : element.value;
        }
        const error = document.querySelector("#error");
        return {form, error: error.hidden ? null : error.textContent,
                lang: document.documentElement.lang};
      });
    } else if ("screenshot" in action) {
      await page.setViewportSize({width: action.width || 1360, height: action.height || 900});
      await page.screenshot({path: action.screenshot, fullPage: false});
    }
  }
} finally {
  await context.close();
  fs.rmSync(profile, {recursive: true, force: true});
}
process.stdout.write(JSON.stringify(result) + "\n");

async function readStory(page) {
  return page.evaluate(() => {
    // the numbers a table shows, from each cell's tooltip: the exact value
    const numbers = (table) => [...table.rows].map((tr) => [...tr.cells].map((td) => Number(td.title)));
    const story = document.querySelector("#story");
    return {
      title: story.querySelector("h2").textContent,
      settings: story.querySelector(".settings").textContent,
      headings: [...story.querySelectorAll("h3")].map((h) => h.textContent),
      iteration: Number(document.querySelector("#status").dataset.iteration),
      quantities: [...story.querySelectorAll(".q")].map((q) => {
        const codes = q.querySelectorAll(".code code");
        const table = q.querySelector("table.matrix");
        return {name: q.dataset.name, meaning: q.querySelector(".meaning").textContent,
                code: codes[0].textContent, purebp: codes[1].textContent,
                purebp_in: q.querySelector(".where").textContent,
                line: q.querySelector(".line") ? q.querySelector(".line").textContent : null,
                rows: Number(table.dataset.rows), value: numbers(table),
                shown: [...table.rows].map((tr) => [...tr.cells].map((td) => td.textContent))};
      }),
    };
  });
}

async function readState(page) {
  return page.evaluate(() => {
    const numbers = (table) => [...table.rows].map((tr) => [...tr.cells].map((td) => Number(td.title)));
    return {
      iteration: Number(document.querySelector("#status").dataset.iteration),
      status: document.querySelector("#status").textContent,
      error: document.querySelector("#error").hidden ? null : document.querySelector("#error").textContent,
      weights: [...document.querySelectorAll("#weights table.matrix")].map(numbers),
      outputs: [...document.querySelectorAll("#outputs table.matrix")].map(numbers)[0] || null,
      output_rows: Number((document.querySelector("#outputs table.matrix") || {dataset: {}}).dataset.rows),
      history: [...document.querySelectorAll("#curve circle title")].map((t) => {
        const match = /^iteration (\d+): loss (.+)$/.exec(t.textContent);
        return [Number(match[1]), Number(match[2])];
      }),
      network: document.querySelectorAll("#network line.edge").length,
    };
  });
}
