import { controllerSuite } from "./controller-suite.js";

controllerSuite(1, 2);
