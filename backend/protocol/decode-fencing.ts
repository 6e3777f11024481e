import type { Result } from "../base/index.js";
import { fenceActions, fenceStates } from "./fencing-messages.js";
import type { FenceEvent, FenceRequest, FenceServerMessage } from "./fencing-messages.js";
import {
  FieldError,
  choiceField,
  field,
  guardedFields,
  integerField,
  isRecord,
  listField,
  optionalStringField,
  recordField,
  stringField,
} from "./fields.js";
import type { Fields } from "./fields.js";
import type { WireErrorCode } from "./messages.js";

/** A fencing request, or undefined when the frame is of another kind. */
export function decodeFenceRequest(
  record: Fields,
): Result<FenceRequest, WireErrorCode> | undefined {
  const kind = field(record, "kind");
  switch (kind) {
    case "fence_requested":
      return guardedFields(() => ({
        kind,
        id: integerField(record, "id"),
        target: stringField(record, "target"),
        action: choiceField(record, "action", fenceActions),
      }));
    case "fence_history_requested":
      return guardedFields(() => {
        const id = integerField(record, "id");
        const target = optionalStringField(record, "target");
        return target === undefined ? { kind, id } : { kind, id, target };
      });
    default:
      return undefined;
  }
}

function optionalFields(record: Fields): Partial<FenceEvent> {
  const delegate = optionalStringField(record, "delegate");
  const device = optionalStringField(record, "device");
  const reason = optionalStringField(record, "reason");
  const completed = field(record, "completedMs");
  return {
    ...(delegate === undefined ? {} : { delegate }),
    ...(device === undefined ? {} : { device }),
    ...(reason === undefined ? {} : { reason }),
    ...(completed === undefined ? {} : { completedMs: integerField(record, "completedMs") }),
  };
}

/** Reads one fence event (also used by anything that stores the history as JSON). */
export function fenceEventFields(value: unknown): FenceEvent {
  if (!isRecord(value)) throw new FieldError("event", "an object");
  return {
    target: stringField(value, "target"),
    action: choiceField(value, "action", fenceActions),
    state: choiceField(value, "state", fenceStates),
    origin: stringField(value, "origin"),
    client: stringField(value, "client"),
    ...optionalFields(value),
  };
}

/** A fencing reply, or undefined when the frame is of another kind. */
export function decodeFenceServerMessage(
  record: Fields,
): Result<FenceServerMessage, WireErrorCode> | undefined {
  const kind = field(record, "kind");
  switch (kind) {
    case "fence_result":
      return guardedFields(() => ({
        kind,
        id: integerField(record, "id"),
        event: fenceEventFields(recordField(record, "event")),
      }));
    case "fence_history":
      return guardedFields(() => ({
        kind,
        id: integerField(record, "id"),
        events: listField(record, "events", fenceEventFields),
      }));
    default:
      return undefined;
  }
}
