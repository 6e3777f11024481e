import type { ServerMessage } from "../../backend/protocol/index.js";
import type { AttributeRequest } from "../../backend/protocol/index.js";
import type { ClientHandlers, ClientIdentity, LocalCib } from "../node/index.js";
import { refusal } from "../node/index.js";
import { applyPermanentValue } from "./cib-attributes.js";
import type { AttrdNode } from "./core-types.js";
import type { AttributeManager } from "./host.js";

type UpdateRequest = Extract<AttributeRequest, { kind: "attribute_update_requested" }>;

async function updatePermanent(
  request: UpdateRequest,
  identity: ClientIdentity,
  parts: { readonly cib: LocalCib; readonly node: AttrdNode },
): Promise<ServerMessage> {
  const written = await parts.cib.write((copy) => {
    applyPermanentValue(copy, parts.node, { name: request.name, value: request.value });
    return copy;
  }, identity);
  if (written.ok) {
    return { kind: "attribute_updated", id: request.id, node: request.node, name: request.name };
  }
  const first = written.issues[0];
  const code = first?.code === "sync_in_progress" ? "not_ready" : (first?.code ?? "internal");
  return refusal(request.id, code, first?.message ?? "The CIB refused the attribute");
}

async function update(
  request: UpdateRequest,
  identity: ClientIdentity,
  parts: {
    readonly attrd: AttributeManager;
    readonly cib: LocalCib;
    readonly nodes: readonly AttrdNode[];
  },
): Promise<ServerMessage> {
  const node = parts.nodes.find((candidate) => candidate.name === request.node);
  if (node === undefined) return refusal(request.id, "bad_field", `Unknown node "${request.node}"`);
  if (request.name === "") return refusal(request.id, "bad_field", "The attribute name is empty");
  if (request.section === "nodes")
    return updatePermanent(request, identity, { cib: parts.cib, node });
  if (!identity.unrestricted) {
    const message = `User "${identity.user}" may not set transient node attributes`;
    return refusal(request.id, "permission_denied", message);
  }
  const dampen = request.dampenMs === undefined ? {} : { dampenMs: request.dampenMs };
  const result = await parts.attrd.updateAttribute(
    request.node,
    request.name,
    request.value,
    dampen,
  );
  if (!result.ok) return refusal(request.id, "not_ready", result.issues[0]?.message ?? "Refused");
  return { kind: "attribute_updated", id: request.id, node: request.node, name: request.name };
}

/** The attribute requests of the client channel (crm_attribute, crm node attribute). */
export function addAttributeHandlers(
  handlers: ClientHandlers,
  parts: {
    readonly attrd: AttributeManager;
    readonly cib: LocalCib;
    readonly nodes: readonly AttrdNode[];
  },
): void {
  handlers.set("attribute_update_requested", (request, identity) =>
    update(request, identity, parts),
  );
  handlers.set("attribute_query_requested", (request) => ({
    kind: "attribute_value",
    id: request.id,
    node: request.node,
    name: request.name,
    value: parts.attrd.query(request.node, request.name) ?? null,
  }));
  handlers.set("attribute_list_requested", (request) => ({
    kind: "attribute_list",
    id: request.id,
    attributes: parts.attrd.values(request.node),
  }));
}
