import { controllerSuite } from "./controller-suite.js";

controllerSuite(0, 2);
