import { describe, expect, it } from "vitest";
import { IdStore, orderKind, scoreAttribute } from "../../../../backend/configure/to-cib/index.js";
import { element } from "../../../../backend/cib/index.js";

describe("IdStore.generate()", () => {
  it("names nvpairs, ops and sets from the owner's id, as crmsh 4.4", () => {
    const store = new IdStore();
    expect(store.generate(element("nvpair", { name: "ip" }), "vip-instance_attributes")).toBe(
      "vip-instance_attributes-ip",
    );
    expect(store.generate(element("op", { name: "monitor", interval: "10s" }), "vip")).toBe(
      "vip-monitor-10s",
    );
    expect(store.generate(element("operations"), "d1")).toBe("d1-ops");
    expect(store.generate(element("date_expression"), "r")).toBe("r-expression");
    expect(store.generate(element("resource_set"), "c1")).toBe("c1");
  });

  it("appends -0, -1 … to a used candidate", () => {
    const store = new IdStore();
    const op = element("op", { name: "monitor", interval: "10s" });
    expect([store.generate(op, "d1"), store.generate(op, "d1"), store.generate(op, "d1")]).toEqual([
      "d1-monitor-10s",
      "d1-monitor-10s-0",
      "d1-monitor-10s-1",
    ]);
  });

  it("prefixes an all-digit owner with num- except for nodes", () => {
    const store = new IdStore();
    expect(store.generate(element("instance_attributes"), "4")).toBe("num-4-instance_attributes");
    expect(store.generate(element("node"), "5")).toBe("5");
  });
});

describe("scoreAttribute() and orderKind()", () => {
  it.each([
    ["inf", "score", "INFINITY"],
    ["+inf", "score", "+INFINITY"],
    ["-INFINITY", "score", "-INFINITY"],
    ["100", "score", "100"],
    ["Mandatory", "score", "INFINITY"],
    ["advisory", "score", "0"],
    ["pingd", "score-attribute", "pingd"],
    ["Inf", "score-attribute", "Inf"],
  ])("scoreAttribute(%j) writes %s=%j", (raw, name, value) => {
    expect(scoreAttribute(raw)).toEqual({ name, value });
  });

  it.each([
    ["optional", "Optional"],
    ["inf", "Mandatory"],
    ["0", "Optional"],
    ["-20", "Mandatory"],
    ["Sometimes", undefined],
    ["advisory", undefined],
  ])("orderKind(%j) is %j", (raw, kind) => {
    expect(orderKind(raw)).toBe(kind);
  });
});
