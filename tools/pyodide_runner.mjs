// Run purebp under Pyodide (CPython compiled to WebAssembly) in Node.js:
// the road to purebp in a browser.
//
//   node tools/pyodide_runner.mjs [ARGS...]                 like: python -m purebp ARGS...
//   node tools/pyodide_runner.mjs --pytest WHEELS [ARGS...]  like: python -m pytest ARGS...
//
// The checkout is mounted into Pyodide's filesystem (mountNodeFS), so
// purebp runs from these very files. Pyodide loads offline from
// tools/node_modules/pyodide (its standard library ships in the package).
// For --pytest, WHEELS is a folder of pure-Python wheels (pytest and what it
// needs, fetched by tools/test-everywhere with pip); they are unpacked into
// Pyodide's site-packages. SystemExit becomes this process's exit code.
//
// Needs: npm install pyodide@0.28.3 (tools/test-everywhere installs it).

import fs from "node:fs";
import path from "node:path";
import url from "node:url";

const here = path.dirname(url.fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const home = path.join(here, "node_modules", "pyodide");
if (!fs.existsSync(path.join(home, "pyodide.mjs"))) {
  process.stderr.write("pyodide_runner: Pyodide is not installed; run: " +
    "(cd tools && npm install pyodide@0.28.3)\n");
  process.exit(2);
}
const { loadPyodide } = await import(url.pathToFileURL(path.join(home, "pyodide.mjs")).href);

let args = process.argv.slice(2);
let wheels = null;
if (args[0] === "--pytest") {
  wheels = path.resolve(args[1]);
  args = args.slice(2);
}

const py = await loadPyodide({ indexURL: home + path.sep });
const encoder = new TextEncoder();
py.setStdout({ write: (bytes) => { process.stdout.write(bytes); return bytes.length; } });
py.setStderr({ write: (bytes) => { process.stderr.write(bytes); return bytes.length; } });
py.FS.mkdirTree("/purebp");
py.mountNodeFS("/purebp", root);
if (wheels) {
  py.FS.mkdirTree("/wheels");
  py.mountNodeFS("/wheels", wheels);
}
py.globals.set("ARGV", py.toPy(args));
py.globals.set("WHEELS", wheels ? "/wheels" : null);

const code = py.runPython(`
import os, sys
sys.dont_write_bytecode = True          # leave no __pycache__ in the checkout
os.chdir("/purebp")
sys.path.insert(0, "/purebp")
def _run():
    if WHEELS:
        import glob, site, zipfile
        target = site.getsitepackages()[0]
        for wheel in sorted(glob.glob(WHEELS + "/*.whl")):
            zipfile.ZipFile(wheel).extractall(target)
        import pytest
        return pytest.main(["-p", "no:cacheprovider"] + list(ARGV))
    import runpy
    sys.argv[:] = ["purebp"] + list(ARGV)
    runpy.run_module("purebp", run_name="__main__", alter_sys=True)
    return 0
try:
    _code = int(_run() or 0)
except SystemExit as _exit:
    _code = _exit.code if isinstance(_exit.code, int) else (0 if _exit.code is None else 1)
    if not isinstance(_exit.code, (int, type(None))):
        print(_exit.code, file=sys.stderr)
sys.stdout.flush()
sys.stderr.flush()
_code
`);
process.exitCode = code;
