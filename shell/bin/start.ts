#!/usr/bin/env node
// npm start: opens crm interactively on a demo CIB file, .cluster/demo-cib.xml, created on the
// first start with a small configuration written through crm's own configure path.
import { exitQuietlyOnClosedPipe } from "../closed-pipe.js";
import { existsSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { emptyCib } from "../../backend/cib/index.js";
import { advanceVersion, writeCibFile } from "../../backend/file/index.js";
import { parseArguments } from "../arguments.js";
import { applyConfigureText } from "../configure-language.js";
import { main } from "../main.js";

exitQuietlyOnClosedPipe();

export const demoConfiguration = `node node1
node node2
property stonith-enabled=false
primitive vip IPaddr2 params ip=192.168.122.100 cidr_netmask=24 op monitor interval=10s
primitive web apache params configfile=/etc/apache2/apache2.conf op monitor interval=30s
group web-group vip web
location prefer-node1 web-group 100: node1
`;

async function createDemo(path: string): Promise<boolean> {
  const empty = emptyCib();
  const applied = await applyConfigureText(empty, demoConfiguration, "update");
  if (!applied.ok) {
    for (const found of applied.issues) process.stderr.write(`ERROR: ${found.message}\n`);
    return false;
  }
  const written = await writeCibFile(path, advanceVersion(empty, applied.value.cib));
  if (!written.ok) process.stderr.write(`ERROR: ${written.issues[0]?.message ?? "write failed"}\n`);
  return written.ok;
}

async function start(): Promise<number> {
  const folder = resolve(".cluster");
  const path = resolve(folder, "demo-cib.xml");
  if (!existsSync(path)) {
    mkdirSync(folder, { recursive: true });
    if (!(await createDemo(path))) return 1;
    process.stdout.write(`Created a demo CIB in ${path}\n`);
  }
  const parsed = parseArguments(process.argv.slice(2));
  if ("code" in parsed) return 2;
  return main(parsed, {
    environment: { ...process.env, CIB_file: path },
    stdinIsTerminal: process.stdin.isTTY,
  });
}

start().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`npm start: ${String(error)}\n`);
    process.exitCode = 70;
  },
);
