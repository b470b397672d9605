// Run purebp under MicroPython (WebAssembly port) in Node.js.
//
//   node tools/micropython_runner.mjs [ARGS...]     like: python -m purebp ARGS...
//
// MicroPython's own command line cannot do this (it always exits 0, cannot
// see your files, and has an empty sys.argv), so this runner uses its API:
// it copies purebp/*.py into MicroPython's in-memory filesystem, sets
// sys.path and sys.argv, runs purebp.__main__.run(), and turns a raised
// SystemExit (or any other exception) into this process's exit code.
//
// Needs: npm install @micropython/micropython-webassembly-pyscript@1.27.0
// (tools/test-everywhere installs it into tools/node_modules).

import fs from "node:fs";
import path from "node:path";
import url from "node:url";

const here = path.dirname(url.fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const moduleFile = path.join(here, "node_modules", "@micropython",
  "micropython-webassembly-pyscript", "micropython.mjs");
if (!fs.existsSync(moduleFile)) {
  process.stderr.write("micropython_runner: MicroPython is not installed; run: " +
    "(cd tools && npm install @micropython/micropython-webassembly-pyscript@1.27.0)\n");
  process.exit(2);
}
const { loadMicroPython } = await import(url.pathToFileURL(moduleFile).href);

const args = process.argv.slice(2);
const mp = await loadMicroPython({
  heapsize: 256 * 1024 * 1024,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  linebuffer: false,
});

mp.FS.mkdirTree("/lib/purebp");
for (const name of fs.readdirSync(path.join(root, "purebp"))) {
  if (name.endsWith(".py")) {
    mp.FS.writeFile("/lib/purebp/" + name, fs.readFileSync(path.join(root, "purebp", name)));
  }
}

let code = 0;
try {
  mp.runPython(
    "import sys\n" +
    "sys.path.insert(0, '/lib')\n" +
    "sys.argv[:] = " + JSON.stringify(["purebp"].concat(args)) + "\n" +
    "import purebp.__main__\n" +
    "purebp.__main__.run()\n");
} catch (error) {
  if (error && error.type === "SystemExit") {
    // The message carries the exit code, e.g. "2" (or nothing for 0).
    const match = String(error.message).match(/(-?\d+)\s*$/);
    code = match ? Number(match[1]) : 0;
  } else {
    process.stderr.write(String(error && error.message ? error.message : error) + "\n");
    code = 1;
  }
}
process.exitCode = code;
