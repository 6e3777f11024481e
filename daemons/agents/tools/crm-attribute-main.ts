#!/usr/bin/env node
// Entry of the bundled crm_attribute (daemons/agents/bin/crm_attribute runs it).
import { crmAttribute } from "./crm-attribute.js";

const outcome = await crmAttribute(process.argv.slice(2), process.env);
process.stdout.write(outcome.stdout);
process.stderr.write(outcome.stderr);
process.exitCode = outcome.exitCode;
