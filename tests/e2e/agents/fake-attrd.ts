import { mkdirSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { WebSocketServer } from "ws";
import type { AttributeRequest, ServerMessage } from "../../../backend/protocol/index.js";
import {
  clientTokenHeader,
  decodeClientRequest,
  encodeMessage,
} from "../../../backend/protocol/index.js";

/**
 * A stand-in for a node's attribute manager on its client channel: answers the attribute
 * requests crm_attribute sends (and CIB queries, from a fixed CIB), records them, and writes `client.port` / `client.token` into
 * the state folder as quorated does.
 */
export interface FakeAttrd {
  readonly requests: AttributeRequest[];
  readonly values: Map<string, string>;
  close(): Promise<void>;
}

function answer(request: AttributeRequest, values: Map<string, string>): ServerMessage {
  const key = (node: string, name: string): string => `${node}/${name}`;
  switch (request.kind) {
    case "attribute_update_requested":
      if (request.value === null) values.delete(key(request.node, request.name));
      else values.set(key(request.node, request.name), request.value);
      return { kind: "attribute_updated", id: request.id, node: request.node, name: request.name };
    case "attribute_query_requested":
      return {
        kind: "attribute_value",
        id: request.id,
        node: request.node,
        name: request.name,
        value: values.get(key(request.node, request.name)) ?? null,
      };
    case "attribute_list_requested":
      return { kind: "attribute_list", id: request.id, attributes: [] };
  }
}

/** The CIB a `cib_query_requested` gets: node1 with the permanent attribute site=east. */
const cibXml = `<cib><configuration><nodes>
<node id="1" uname="node1"><instance_attributes id="nodes-1">
<nvpair id="nodes-1-site" name="site" value="east"/></instance_attributes></node>
</nodes></configuration><status/></cib>`;

export async function startFakeAttrd(stateDir: string, token = "secret-token"): Promise<FakeAttrd> {
  const requests: AttributeRequest[] = [];
  const values = new Map<string, string>();
  const server = new WebSocketServer({
    host: "127.0.0.1",
    port: 0,
    verifyClient: (info: { req: { headers: Record<string, unknown> } }) =>
      info.req.headers[clientTokenHeader] === token,
  });
  server.on("connection", (socket) => {
    socket.on("message", (data: Buffer) => {
      const decoded = decodeClientRequest(data.toString("utf8"));
      if (decoded.ok && decoded.value.kind === "cib_query_requested") {
        const version = { adminEpoch: 0, epoch: 1, numUpdates: 0 };
        socket.send(
          encodeMessage({ kind: "cib_query", id: decoded.value.id, xml: cibXml, version }),
        );
        return;
      }
      if (!decoded.ok || !decoded.value.kind.startsWith("attribute_")) {
        const message = {
          kind: "error",
          id: null,
          code: "unknown_kind",
          message: "not attrd",
        } as const;
        socket.send(encodeMessage(message));
        return;
      }
      const request = decoded.value as AttributeRequest;
      requests.push(request);
      socket.send(encodeMessage(answer(request, values)));
    });
  });
  await new Promise((resolve) => server.once("listening", resolve));
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(join(stateDir, "client.port"), String((server.address() as AddressInfo).port));
  writeFileSync(join(stateDir, "client.token"), token);
  return {
    requests,
    values,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
