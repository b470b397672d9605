// purebp's page: backpropagation step by step, with purebp's own Python files
// running in MicroPython (WebAssembly), here in the browser.
//
// This script only shows things. Every number comes from purebp/page.py, which
// runs explain (a step), train's loop (Run) and the SVG pictures, so the page
// shows what `python -m purebp explain --json` and `train --json` print.
// purebp's modules are fetched as their imports need them, from purebp/NAME.py,
// and written into MicroPython's in-memory file system. The one-file copy that
// `python -m purebp web --save FILE.html` writes carries them, and MicroPython,
// in the page itself (#bundle), so it opens from a file, with no server.

const HEAP_BYTES = 64 * 1024 * 1024;
const ROWS_SHOWN = 12;        // longer matrices show their first rows, and a button
const CHUNK_MS = 120;         // Run trains about this long, then lets the page draw

const $ = (id) => document.getElementById(id);
let mp = null;                // MicroPython
let page = null;              // the Python module purebp.page
let addressProblems = [];     // what in the address the page cannot follow: [text key, args ...]
let shownError = null;        // the error shown, {problems, message}: said again in the other language
let offer = null;             // what purebp.page offers: data sets, losses, texts ...
let state = null;             // the network now (purebp.page's Session.state())
let story = null;             // the last step, as explain --json gives it
let lang = "en";
let running = false;
const bundle = document.getElementById("bundle") &&
  JSON.parse(document.getElementById("bundle").textContent);   // {micropython, wasm, modules}

// --- purebp's modules, fetched as the imports need them ---------------------------

const sources = new Map();    // module name -> promise of its source (null: not a module)
const written = new Set();

function fetchModule(name) {
  if (!sources.has(name)) {
    sources.set(name, sourceOf(name).then(async (source) => {
      if (source !== null) await Promise.all(importsOf(source).map(fetchModule));
      return source;
    }));
  }
  return sources.get(name);
}

// A module's source, or null for a name imported from the package itself.
async function sourceOf(name) {
  if (bundle) return Object.hasOwn(bundle.modules, name) ? bundle.modules[name] : null;
  const response = await fetch("purebp/" + name + ".py");
  return response.ok ? response.text() : null;
}

// The one-file copy's MicroPython: its script and WebAssembly as in-memory files.
function inMemory(data, type) {
  return URL.createObjectURL(new Blob([data], {type}));
}

function base64Bytes(text) {
  const raw = atob(text), bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

// The modules a module imports when it is loaded (lines "from .x import ..." and
// "from . import x, y" at the left margin); the imports inside functions are
// fetched when Python asks for them (withModules).
function importsOf(source) {
  const names = [];
  for (const match of source.matchAll(/^from \.(\w*) import \(?([\w, ]*)/gm)) {
    if (match[1]) names.push(match[1]);
    else names.push(...match[2].split(",").map((w) => w.trim()).filter((w) => /^[a-z]\w*$/.test(w)));
  }
  return names;
}

async function install() {
  for (const [name, promise] of sources) {
    const source = await promise;
    if (source !== null && !written.has(name)) {
      mp.FS.writeFile("/lib/purebp/" + name + ".py", source);
      written.add(name);
    }
  }
}

// Run fn; where Python misses one of purebp's modules, fetch it and run fn again.
async function withModules(fn) {
  for (let tries = 0; ; tries++) {
    try {
      return fn();
    } catch (error) {
      // "from .x import y" misses x as "no module named 'purebp.x'"; "from . import x"
      // asks the package first, whose lazy names say "module 'purebp' has no attribute 'x'"
      const text = String(error && error.message);
      const match = /no module named 'purebp\.(\w+)'/.exec(text) ||
                    /module 'purebp' has no attribute '(\w+)'/.exec(text);
      if (!match || sources.has(match[1]) || tries > 50) throw error;
      await fetchModule(match[1]);
      await install();
    }
  }
}

// One request to purebp.page; a mistake comes back as {error}, and so does a bug
// (its traceback's last line), so the page always says what went wrong.
async function ask(request) {
  try {
    return JSON.parse(await withModules(() => page.handle(JSON.stringify(request))));
  } catch (error) {
    console.error(error);
    const lines = String(error && error.message || error).trim().split("\n");
    return {error: lines[lines.length - 1]};
  }
}

async function boot() {
  const modules = ["__init__", "page"].map(fetchModule);       // meanwhile, MicroPython
  const { loadMicroPython } = await import(
    bundle ? inMemory(bundle.micropython, "text/javascript") : "./micropython.mjs");
  mp = await loadMicroPython({heapsize: HEAP_BYTES, stdout: (line) => console.log(line),
                              stderr: (line) => console.error(line),
                              url: bundle ? inMemory(base64Bytes(bundle.wasm), "application/wasm")
                                          : undefined});
  performance.mark("micropython");      // the marks: where the time to the first step goes
  mp.FS.mkdirTree("/lib/purebp");
  await Promise.all(modules);
  await install();
  mp.runPython("import sys\nsys.path.insert(0, '/lib')");
  page = await withModules(() => mp.pyimport("purebp.page"));
  performance.mark("imported");
  offer = await ask({do: "choices"});
  if (offer.error) throw new Error(offer.error);
  const asked = await ask({do: "address", pairs: [...new URLSearchParams(location.search)]});
  if (asked.error) throw new Error(asked.error);
  performance.mark("choices");
  buildForm(asked);
  $("language").disabled = false;
  await start();
  performance.mark("started");
}

// --- the words ---------------------------------------------------------------------

// A text with its %s, %d and %.Nf filled in, in one pass: an argument that holds
// "%s" (a value from the address) stays as it is.
function say(key, ...args) {
  let next = 0;
  return offer.texts[key][lang === "zh-CN" ? 1 : 0].replace(/%(\.\d+)?[dsf]/g, (spec) => {
    if (next >= args.length) return spec;
    const arg = args[next++];
    return spec === "%d" || spec === "%s" ? String(arg) : Number(arg).toFixed(Number(spec.slice(2, -1)));
  });
}

function translate() {
  document.documentElement.lang = lang;
  for (const element of document.querySelectorAll("[data-text]")) {
    element.textContent = say(element.dataset.text);
  }
  document.title = say("title");
  $("language").textContent = say("language");
  $("run").textContent = say(running ? "pause" : "run");
  $("about").textContent = say("offline", offer.purebp, offer.micropython);
}

// --- the settings --------------------------------------------------------------------

function option(select, value, title) {
  const element = document.createElement("option");
  element.value = element.textContent = value;
  if (title) element.title = title;
  select.append(element);
}

// The settings the address asks for (?data=xor&layers=3,4,1), as purebp.page read
// them; what it could not follow is said once the page has started, not ignored.
function buildForm(asked) {
  for (const set of offer.data) option($("data"), set.name);
  for (const loss of offer.losses) option($("loss"), loss.name, loss.about);
  for (const activation of offer.activations) option($("activation"), activation.name, activation.about);
  const given = asked.settings;
  addressProblems = asked.problems;
  $("data").value = given.data;
  $("seed").value = "1";
  $("activation").value = "sigmoid";
  suggest();
  for (const name of ["layers", "lr", "loss", "activation", "seed", "iterations"]) {
    if (!Object.hasOwn(given, name)) continue;
    const value = given[name], element = $(name);
    // A choice the list does not have joins it, so that purebp names it in its
    // message (a select set to a value it lacks would show nothing, and send "").
    if (element.tagName === "SELECT" && ![...element.options].some((o) => o.value === value)) {
      option(element, value);
    }
    element.value = value;
  }
  if (Object.hasOwn(given, "scale")) $("scale").checked = given.scale;
  lang = given.lang;
  showDataInfo();
  translate();
  $("data").addEventListener("change", () => { suggest(); showDataInfo(); start(); });
  for (const id of ["layers", "lr", "loss", "activation", "seed", "iterations", "scale"]) {
    $(id).addEventListener("change", start);
  }
  $("settings").addEventListener("submit", (event) => { event.preventDefault(); start(); });
  $("step").addEventListener("click", step);
  $("run").addEventListener("click", run);
  $("reset").addEventListener("click", start);
  $("language").addEventListener("click", switchLanguage);
}

function dataSet() {
  return offer.data.find((set) => set.name === $("data").value);
}

function showDataInfo() {
  const set = dataSet();
  $("data-info").textContent = say("rows_inputs", set.rows, set.inputs, set.outputs)
    + (set.classes ? "; " + say("classes", set.classes.join(", ")) : "");
}

// A data set fills in what purebp.page suggests for it (the command line's
// defaults; for classes, softmax and scaled inputs), its own inputs and
// outputs, and keeps the hidden layers unless it suggests some.
function suggest() {
  const set = dataSet(), wanted = set.suggested;
  const sizes = $("layers").value.split(",").map((word) => word.trim());
  const hidden = wanted.hidden || (sizes.length > 2 ? sizes.slice(1, -1) : []);
  $("layers").value = [set.inputs, ...hidden, set.outputs].join(",");
  $("loss").value = wanted.loss;
  $("lr").value = Number.isInteger(wanted.lr) ? wanted.lr.toFixed(1) : String(wanted.lr);
  $("iterations").value = String(wanted.iterations);
  $("scale").checked = wanted.scale;
  $("scale").disabled = !set.classes;
}

// A number typed as Python's float() reads it (for whole-number settings, as
// int() does); anything else -- "0x10", "1e3" for a seed, "1e-400", which a
// float would make 0 -- goes to purebp as the text typed, which its message names.
// So does a whole number of more than 15 digits, which a JavaScript number would
// round (9007199254740993) or write as a float (1e+21): purebp reads the digits.
function number(text, whole = false) {
  const typed = text.trim();
  const spelled = whole ? /^[+-]?\d+$/ : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
  const value = Number(typed);
  const zero = /^[+-]?[0.]*([eE][+-]?\d+)?$/.test(typed);
  if (!spelled.test(typed) || !Number.isFinite(value) || (value === 0 && !zero)) return text;
  if (whole && typed.replace(/^[+-]/, "").length > 15) return typed;
  return value;
}

function settings() {
  return {data: $("data").value, layers: $("layers").value.split(",").map((size) => number(size, true)),
          lr: number($("lr").value), loss: $("loss").value, activation: $("activation").value,
          seed: number($("seed").value, true), iterations: number($("iterations").value, true),
          scale: $("scale").checked};
}

// --- the buttons -----------------------------------------------------------------------

async function start() {
  running = false;
  const reply = await ask(Object.assign({do: "start"}, settings()));
  const problems = addressProblems;          // said with the first start's reply, once
  addressProblems = [];
  story = null;
  showStory();
  if (reply.error) {
    state = null;
    $("status").textContent = "";           // not "Loading ..." any more: the error says why
    showError(reply.error, problems);
  } else {
    state = reply;
    showError(null, problems);
    showState();
  }
  setButtons();
}

async function step() {
  const reply = await ask({do: "step", lang});
  if (reply.error) return showError(reply.error);
  state = reply;
  story = reply.story;
  showState();
  showStory();
  setButtons();
}

async function run() {
  if (running) {                       // Pause
    running = false;
    return;
  }
  running = true;
  setButtons();
  const first = state.iteration;
  const began = performance.now();
  let count = state.every;
  while (running && state.iteration < state.iterations) {
    const before = performance.now();
    const reply = await ask({do: "run", count});
    if (reply.error) {
      showError(reply.error);
      break;
    }
    state = reply;
    showState();
    $("status").textContent += " · " + say("speed", state.iteration - first,
                                           (performance.now() - began) / 1000);
    const took = Math.max(performance.now() - before, 1);
    count = Math.max(1, Math.min(1000000, Math.round(count * CHUNK_MS / took)));
    await new Promise((resolve) => setTimeout(resolve, 0));    // the page draws
  }
  running = false;
  $("status").dataset.running = "no";
  setButtons();
}

function setButtons() {
  const ready = state !== null;
  $("step").disabled = !ready || running;
  $("run").disabled = !ready || (!running && state.iteration >= state.iterations);
  $("reset").disabled = running;
  $("scale").disabled = running || !dataSet().classes;
  $("run").textContent = say(running ? "pause" : "run");
  $("status").dataset.running = running ? "yes" : "no";
  $("activation").disabled = $("layers").value.split(",").length < 3;
}

async function switchLanguage() {
  lang = lang === "en" ? "zh-CN" : "en";
  translate();
  showDataInfo();
  sayError();
  if (state) showState();
  if (story) {
    const reply = await ask({do: "story", lang});
    story = reply.story;
    showStory();
  }
}

// --- what the page shows -------------------------------------------------------------------

// purebp's message (in English, as the command line's), after the address's
// problems, if any, which are said in the page's language.
function showError(message, problems = []) {
  shownError = message || problems.length ? {message, problems} : null;
  sayError();
}

function sayError() {
  $("error").hidden = !shownError;
  if (!shownError) {
    $("error").textContent = "";
    return;
  }
  const label = offer && offer.texts ? say("error") : "error";
  const parts = shownError.problems.map((problem) => say(...problem));
  if (shownError.message) parts.push(shownError.message);
  $("error").textContent = label + ": " + parts.join("; ");
}

function svgOf(text) {
  return text ? text.slice(text.indexOf("<svg")) : "";
}

function showState() {
  $("status").textContent = say("iteration", state.iteration, state.iterations)
    + (state.accuracy === null ? "" : "; " + say("accuracy", state.accuracy, state.outputs.length));
  $("status").dataset.iteration = state.iteration;
  $("network").innerHTML = svgOf(state.network);
  if (state.history.length > 1) $("curve").innerHTML = svgOf(state.curve);
  else $("curve").textContent = say("curve_empty", state.every);
  $("now-title").textContent = state.iteration === 0 ? say("now_start")
    : say(state.iteration === 1 ? "now_one" : "now", state.iteration);
  const blocks = state.weights.map((syn, k) =>
    block(state.weights.length === 1 ? "syn" : "syn" + k, syn));
  $("weights").replaceChildren(...blocks);
  $("outputs").replaceChildren(state.outputs ? matrix(state.outputs, "l") : say("none_yet"));
}

function block(name, value) {
  const element = document.createElement("div");
  element.className = "matrix-block";
  const label = document.createElement("div");
  label.className = "matrix-name";
  label.textContent = name + "  (" + value.length + " × " + value[0].length + ")";
  element.append(label, matrix(value, name));
  return element;
}

// Numbers as numpy prints them, about 8 digits; the exact value in the tooltip.
// null is a number past a float's range (JSON has no inf or NaN): "overflow".
function short(v) {
  if (v === null) return say("not_finite");
  if (typeof v !== "number" || !Number.isFinite(v)) return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return String(v);
  const text = v.toPrecision(8);
  return text.includes("e") ? text.replace(/\.?0+e/, "e") : text.replace(/\.?0+$/, "");
}

function matrix(value, name, all) {
  const wrapper = document.createElement("div");
  const table = document.createElement("table");
  table.className = "matrix";
  table.dataset.name = name;
  table.dataset.rows = value.length;
  const shown = all ? value : value.slice(0, ROWS_SHOWN);
  for (const row of shown) {
    const tr = table.insertRow();
    for (const v of row) {
      const td = tr.insertCell();
      td.textContent = short(v);
      td.title = v === null ? say("not_finite_title") : String(v);
      if (v === null) td.className = "not-finite";
      if (v < 0) td.className = "neg";
    }
  }
  wrapper.append(table);
  if (shown.length < value.length) {
    const more = document.createElement("div");
    more.className = "more";
    more.textContent = say("more_rows", value.length - shown.length) + " ";
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = say("all_rows", value.length);
    button.addEventListener("click", () => wrapper.replaceWith(matrix(value, name, true)));
    more.append(button);
    wrapper.append(more);
  }
  return wrapper;
}

function codeLine(who, code, note, noteClass) {
  const line = document.createElement("div");
  line.className = "code";
  const label = document.createElement("span");
  label.className = "who";
  label.textContent = who;
  const text = document.createElement("code");
  text.textContent = code;
  const cell = document.createElement("span");
  cell.append(text);
  if (note) {
    const extra = document.createElement("span");
    extra.className = noteClass;
    extra.textContent = note;
    cell.append("  ", extra);
  }
  line.append(label, cell);
  return line;
}

function showStory() {
  const place = $("story");
  if (!story) {
    const hint = document.createElement("p");
    hint.className = "hint";
    hint.dataset.text = "step_hint";
    hint.textContent = say("step_hint");
    place.replaceChildren(hint);
    return;
  }
  const title = document.createElement("h2");
  title.textContent = story.title;
  const line = document.createElement("p");
  line.className = "settings";
  line.textContent = story.settings;
  const parts = [title, line];
  let section = "input";
  for (const q of story.quantities) {
    if (q.section !== section) {
      section = q.section;
      const heading = document.createElement("h3");
      heading.textContent = story.headings[section];
      parts.push(heading);
    }
    const item = document.createElement("div");
    item.className = "q";
    item.dataset.name = q.name;
    const head = document.createElement("div");
    head.className = "head";
    const name = document.createElement("span");
    name.className = "name";
    name.textContent = q.name;
    const shape = document.createElement("span");
    shape.className = "shape";
    shape.textContent = q.shape[0] + " × " + q.shape[1];
    head.append(name, shape);
    const meaning = document.createElement("p");
    meaning.className = "meaning";
    meaning.textContent = q.meaning;
    item.append(head, meaning,
                codeLine(say("numpy"), q.code, q.line ? say("line", q.line) : null, "line"),
                codeLine(say("purebp"), q.purebp, q.purebp_in, "where"),
                matrix(q.value, q.name));
    parts.push(item);
  }
  place.replaceChildren(...parts);
}

boot().catch((error) => {
  $("status").textContent = "";
  showError(String(error && error.message || error));
  console.error(error);
});
