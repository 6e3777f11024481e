import type { XmlElement } from "../../cib/index.js";
import { element } from "../../cib/index.js";
import type {
  AgentSpec,
  BundleStatement,
  CloneStatement,
  GroupStatement,
  MasterStatement,
  MonitorStatement,
  Op,
  PrimitiveStatement,
  TemplateStatement,
} from "../../../grammar/index.js";
import type { BuildContext } from "./build-context.js";
import { buildAttributeSet } from "./build-sets.js";
import type { Draft } from "./draft.js";
import { commentNodes, inInputOrder, placeholder } from "./draft.js";

/** crmsh's provider choice for `Dummy`/`ocf:Dummy`: heartbeat if installed (or unknown). */
function chooseProvider(providers: readonly string[]): string {
  if (providers.length === 0 || providers.includes("heartbeat")) return "heartbeat";
  if (providers.includes("pacemaker")) return "pacemaker";
  return providers[0] ?? "heartbeat";
}

function agentAttributes(agent: AgentSpec, context: BuildContext): Record<string, string> {
  if (agent.kind === "template_ref") return { template: agent.template };
  const agentClass = agent.class ?? "ocf";
  const attributes: Record<string, string> = { class: agentClass };
  if (agentClass === "ocf") {
    attributes["provider"] = agent.provider ?? chooseProvider(context.ocfProviders(agent.type));
  } else if (agent.provider !== undefined) {
    attributes["provider"] = agent.provider;
  }
  attributes["type"] = agent.type;
  return attributes;
}

/** `op NAME k=v…`: op attributes in input order, `interval="0"` appended when absent. */
export function buildOp(op: Op): XmlElement {
  const attributes: Record<string, string> = { name: op.name };
  for (const attribute of op.attributes) attributes[attribute.name] = attribute.value;
  if (attributes["interval"] === undefined) attributes["interval"] = op.interval ?? "0";
  return element(
    "op",
    attributes,
    op.sets.map((set) => buildAttributeSet(set)),
  );
}

/** `monitor RSC[:ROLE] INTERVAL[:TIMEOUT]` as the op it adds. */
export function buildMonitorOp(statement: MonitorStatement): XmlElement {
  const attributes: Record<string, string> = { name: "monitor" };
  if (statement.role !== undefined) attributes["role"] = statement.role;
  attributes["interval"] = statement.interval;
  if (statement.timeout !== undefined) attributes["timeout"] = statement.timeout;
  return element("op", attributes);
}

function buildOperations(statement: PrimitiveStatement | TemplateStatement): XmlElement {
  const operations = element("operations");
  const spec = statement.operations;
  if (spec?.id !== undefined) operations.attributes["id"] = spec.id;
  if (spec?.idRef !== undefined) {
    operations.attributes["id-ref"] = spec.idRef;
  }
  operations.children = statement.ops.map(buildOp);
  return operations;
}

/** primitive / rsc_template: agent, description, sets and operations in input order. */
export function buildPrimitive(
  statement: PrimitiveStatement | TemplateStatement,
  context: BuildContext,
): Draft {
  const attributes: Record<string, string> = {
    id: statement.id,
    ...agentAttributes(statement.agent, context),
  };
  if (statement.description !== undefined) attributes["description"] = statement.description;
  const parts = statement.sets.map((set) => ({
    offset: set.span.offset,
    value: buildAttributeSet(set),
  }));
  const firstOperation = [statement.operations?.span, ...statement.ops.map((op) => op.span)]
    .filter((span) => span !== undefined)
    .sort((a, b) => a.offset - b.offset)[0];
  if (firstOperation !== undefined) {
    parts.push({ offset: firstOperation.offset, value: buildOperations(statement) });
  }
  const tag = statement.kind === "primitive" ? "primitive" : "template";
  const built = element(tag, attributes, [
    ...commentNodes(statement.comments),
    ...inInputOrder(parts),
  ]);
  return objectDraft(statement, built, []);
}

function objectDraft(
  statement: Draft["statement"] & { readonly id: string },
  built: XmlElement,
  children: Draft["children"],
): Draft {
  return {
    id: statement.id,
    element: built,
    placement: { kind: "object", section: "resources" },
    children,
    references: [],
    statement,
    span: statement.span,
  };
}

/** group / clone / ms: description, sets, then the children (moved in at creation). */
export function buildContainer(
  statement: GroupStatement | CloneStatement | MasterStatement,
): Draft {
  const tag = statement.kind === "ms" ? "master" : statement.kind;
  const attributes: Record<string, string> = { id: statement.id };
  if (statement.description !== undefined) attributes["description"] = statement.description;
  const children = statement.kind === "group" ? statement.children : [statement.child];
  const built = element(tag, attributes, [
    ...commentNodes(statement.comments),
    ...statement.sets.map((set) => buildAttributeSet(set)),
    ...children.map(placeholder),
  ]);
  return objectDraft(statement, built, children);
}

function optionsElement(name: string, options: readonly { name: string; value: string }[]) {
  const attributes: Record<string, string> = {};
  for (const option of options) attributes[option.name] = option.value;
  return element(name, attributes);
}

/** bundle: container, network (port mappings), storage, meta sets, primitive; input order. */
export function buildBundle(statement: BundleStatement): Draft {
  const attributes: Record<string, string> = { id: statement.id };
  if (statement.description !== undefined) attributes["description"] = statement.description;
  const parts: { offset: number; value: XmlElement }[] = [];
  const { container, network, storage, primitive } = statement;
  if (container !== undefined) {
    parts.push({
      offset: container.span.offset,
      value: optionsElement(container.kind, container.options),
    });
  }
  if (network !== undefined) {
    const built = optionsElement("network", network.options);
    built.children = network.portMappings.map((mapping) => optionsElement("port-mapping", mapping));
    parts.push({ offset: network.span.offset, value: built });
  }
  if (storage !== undefined) {
    const built = element(
      "storage",
      {},
      storage.storageMappings.map((mapping) => optionsElement("storage-mapping", mapping)),
    );
    parts.push({ offset: storage.span.offset, value: built });
  }
  for (const set of statement.sets) {
    parts.push({ offset: set.span.offset, value: buildAttributeSet(set) });
  }
  if (primitive !== undefined) {
    parts.push({ offset: primitive.span.offset, value: placeholder(primitive) });
  }
  const built = element("bundle", attributes, [
    ...commentNodes(statement.comments),
    ...inInputOrder(parts),
  ]);
  return objectDraft(statement, built, primitive === undefined ? [] : [primitive]);
}
