#!/usr/bin/env node
// crm_mon: cluster status in Pacemaker's layout. The work is done by runCrmMon(); this file
// only hands it the CIB file and the clock, writes the output and sets the exit code.
import { exitQuietlyOnClosedPipe } from "../closed-pipe.js";
import { fileMonitorEnvironment } from "../monitor/file-environment.js";
import { runCrmMon } from "../monitor/index.js";

exitQuietlyOnClosedPipe();

const outcome = runCrmMon(process.argv.slice(2), fileMonitorEnvironment(process.env));
process.stdout.write(outcome.stdout);
process.stderr.write(outcome.stderr);
process.exitCode = outcome.exitCode;
