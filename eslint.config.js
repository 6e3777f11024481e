import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** Pure areas cannot reach time, randomness or I/O (STYLE.md). */
const pureAreas = [
  "grammar/**",
  "completions/**",
  "backend/base/**",
  "backend/cib/**",
  "backend/protocol/**",
  "backend/configure/**",
  "daemons/kernel/**",
  "daemons/*/core*.ts",
  "daemons/scheduler/**",
  "shell/repl/**",
];

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", ".cluster/**", "**/*.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        setInterval: "readonly",
        clearInterval: "readonly",
        setImmediate: "readonly",
        Buffer: "readonly",
        URL: "readonly",
        TextEncoder: "readonly",
        TextDecoder: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-constant-condition": ["error", { checkLoops: false }],
      "max-lines-per-function": [
        "error",
        { max: 70, skipBlankLines: true, skipComments: true, IIFEs: true },
      ],
    },
  },
  {
    files: pureAreas,
    rules: {
      "no-restricted-globals": [
        "error",
        "setTimeout",
        "setInterval",
        "setImmediate",
        "process",
        "console",
      ],
      "no-restricted-properties": [
        "error",
        { object: "Math", property: "random", message: "Use the injected Prng" },
        { object: "Date", property: "now", message: "Time is an input" },
      ],
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date']", message: "Pass time in" },
      ],
      "no-restricted-imports": ["error", { patterns: ["node:*", "ws", "ink", "react"] }],
    },
  },
  {
    files: ["tests/**", "scripts/**"],
    rules: { "max-lines-per-function": "off" },
  },
);
