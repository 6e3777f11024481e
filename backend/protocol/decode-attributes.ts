import type { Result } from "../base/index.js";
import { attributeSections } from "./attribute-messages.js";
import type {
  AttributeRequest,
  AttributeServerMessage,
  NodeAttribute,
} from "./attribute-messages.js";
import {
  FieldError,
  booleanField,
  choiceField,
  field,
  guardedFields,
  integerField,
  isRecord,
  listField,
  optionalStringField,
  stringField,
} from "./fields.js";
import type { Fields } from "./fields.js";
import type { WireErrorCode } from "./messages.js";

function attributeUpdate(record: Fields): AttributeRequest {
  const value = field(record, "value");
  if (value !== null && typeof value !== "string")
    throw new FieldError("value", "a string or null");
  const request = {
    kind: "attribute_update_requested",
    id: integerField(record, "id"),
    node: stringField(record, "node"),
    name: stringField(record, "name"),
    value,
    section: choiceField(record, "section", attributeSections),
    lifetimeReboot: booleanField(record, "lifetimeReboot"),
  } as const;
  if (field(record, "dampenMs") === undefined) return request;
  return { ...request, dampenMs: integerField(record, "dampenMs") };
}

function attributeList(record: Fields): AttributeRequest {
  const id = integerField(record, "id");
  const node = optionalStringField(record, "node");
  return node === undefined
    ? { kind: "attribute_list_requested", id }
    : { kind: "attribute_list_requested", id, node };
}

/** An attribute request, or undefined when the frame is of another kind. */
export function decodeAttributeRequest(
  record: Fields,
): Result<AttributeRequest, WireErrorCode> | undefined {
  const kind = field(record, "kind");
  switch (kind) {
    case "attribute_update_requested":
      return guardedFields(() => attributeUpdate(record));
    case "attribute_query_requested":
      return guardedFields(() => ({
        kind,
        id: integerField(record, "id"),
        node: stringField(record, "node"),
        name: stringField(record, "name"),
      }));
    case "attribute_list_requested":
      return guardedFields(() => attributeList(record));
    default:
      return undefined;
  }
}

function nodeAttribute(value: unknown): NodeAttribute {
  if (!isRecord(value)) throw new FieldError("attributes[]", "an object");
  return {
    node: stringField(value, "node"),
    name: stringField(value, "name"),
    value: stringField(value, "value"),
  };
}

function attributeValue(record: Fields): AttributeServerMessage {
  const value = field(record, "value");
  if (value !== null && typeof value !== "string")
    throw new FieldError("value", "a string or null");
  return {
    kind: "attribute_value",
    id: integerField(record, "id"),
    node: stringField(record, "node"),
    name: stringField(record, "name"),
    value,
  };
}

/** An attribute reply, or undefined when the frame is of another kind. */
export function decodeAttributeServerMessage(
  record: Fields,
): Result<AttributeServerMessage, WireErrorCode> | undefined {
  const kind = field(record, "kind");
  switch (kind) {
    case "attribute_updated":
      return guardedFields(() => ({
        kind,
        id: integerField(record, "id"),
        node: stringField(record, "node"),
        name: stringField(record, "name"),
      }));
    case "attribute_value":
      return guardedFields(() => attributeValue(record));
    case "attribute_list":
      return guardedFields(() => ({
        kind,
        id: integerField(record, "id"),
        attributes: listField(record, "attributes", nodeAttribute),
      }));
    default:
      return undefined;
  }
}
