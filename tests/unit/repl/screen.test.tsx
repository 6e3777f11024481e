import { describe, expect, test } from "vitest";
import type { ReplView } from "../../../shell/components/ReplScreen.js";
import { ReplScreen } from "../../../shell/components/ReplScreen.js";
import { createPalette, plainPalette } from "../../../shell/components/palette.js";
import { initialReplState, parseKeys, reduceRepl } from "../../../shell/repl/index.js";
import { renderToString } from "../../../shell/ui.js";

function view(overrides: Partial<ReplView> = {}): ReplView {
  return {
    transcript: [{ key: 0, text: "crm(live/node1)# status" }],
    prompt: "crm(live/node1)configure# ",
    state: parseKeys("prim").reduce(
      (state, action) => reduceRepl(state, action),
      initialReplState(),
    ),
    busy: false,
    diff: { lines: [], hiddenObjects: 0 },
    diffXml: false,
    columns: 60,
    ...overrides,
  };
}

describe("ReplScreen", () => {
  test("shows the transcript, then the prompt with the edited line", () => {
    expect(renderToString(<ReplScreen view={view()} palette={plainPalette} />, { columns: 60 }))
      .toMatchInlineSnapshot(`
        "crm(live/node1)# status
        crm(live/node1)configure# prim"
      `);
  });

  test("lists completion candidates with their descriptions below the line", () => {
    const complete = () => ({
      start: 0,
      candidates: [
        { label: "primitive", detail: "Define a resource" },
        { label: "property", detail: "Set cluster properties" },
      ],
    });
    const state = reduceRepl(view().state, { kind: "tab_pressed" }, { complete });
    const text = renderToString(<ReplScreen view={view({ state })} palette={plainPalette} />, {
      columns: 60,
    });
    expect(text).toContain("primitive  Define a resource");
    expect(text).toContain("property   Set cluster properties");
  });

  test("the staged-changes pane shows signed lines under the prompt", () => {
    const diff = [
      { sign: "+" as const, text: "primitive d1 Dummy" },
      { sign: "-" as const, text: "location l1 d0 100: node1" },
    ];
    const text = renderToString(
      <ReplScreen
        view={view({ diff: { lines: diff, hiddenObjects: 0 } })}
        palette={plainPalette}
      />,
      {
        columns: 80,
      },
    );
    expect(text.split("\n").slice(-3)).toEqual([
      "Staged changes (crm syntax; commit applies them, Alt-X toggles XML):",
      "+ primitive d1 Dummy",
      "- location l1 d0 100: node1",
    ]);
  });

  test("colors added and removed lines when color is on, never with the plain palette", () => {
    const diff = [{ sign: "+" as const, text: "primitive d1 Dummy" }];
    const colored = renderToString(
      <ReplScreen
        view={view({ diff: { lines: diff, hiddenObjects: 0 } })}
        palette={createPalette(true)}
      />,
    );
    expect(colored).toContain("\x1b[32m+ primitive d1 Dummy");
    const plain = renderToString(
      <ReplScreen
        view={view({ diff: { lines: diff, hiddenObjects: 0 } })}
        palette={plainPalette}
      />,
    );
    expect(plain).not.toContain("\x1b[");
  });

  test("Ctrl-R shows the reverse search instead of the prompt", () => {
    const state = parseKeys("\x12sho").reduce(
      (current, action) => reduceRepl(current, action),
      initialReplState(["show changed", "status"]),
    );
    const text = renderToString(<ReplScreen view={view({ state })} palette={plainPalette} />);
    expect(text).toContain("(reverse-i-search)'sho': show changed");
  });
});
