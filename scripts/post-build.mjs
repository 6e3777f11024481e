// After tsc: mark the compiled bins executable (tsc keeps the shebang but not the mode), and
// point the compiled grammar at Chevrotain's single-file build. The package entry loads some
// 650 lodash-es modules (~0.4 s on every command that parses); the bundled file of the same
// version loads in ~20 ms. Sources and tests keep the ordinary `chevrotain` import.
// `node scripts/post-build.mjs [OUTDIR]`: OUTDIR is tsc's output folder (dist/ by default; the
// e2e tests' cached build passes its own, so they run the bins as `npm run build` makes them).
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const out = process.argv[2] ?? join(root, "dist");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
for (const file of Object.values(pkg.bin ?? {})) {
  const path = join(out, relative("dist", file));
  if (existsSync(path)) chmodSync(path, 0o755);
}

const entry = createRequire(join(root, "package.json")).resolve("chevrotain");
const bundle = join(dirname(entry), "..", "chevrotain.mjs");
const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : path.endsWith(".js") ? [path] : [];
  });
if (existsSync(bundle) && existsSync(join(out, "grammar"))) {
  for (const file of walk(join(out, "grammar"))) {
    const text = readFileSync(file, "utf8");
    if (!text.includes('from "chevrotain"')) continue;
    let target = relative(dirname(file), bundle).split(sep).join("/");
    if (!target.startsWith(".")) target = `./${target}`;
    writeFileSync(file, text.replaceAll('from "chevrotain"', `from "${target}"`));
  }
}
