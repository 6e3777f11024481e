/**
 * Tickets (rsc_ticket, pcmk_sched_tickets.c): a resource depending on a ticket may run only
 * while the ticket is granted and not in standby. Losing it while the resource runs applies the
 * loss-policy: stop (banned everywhere), demote (no promotion), fence (its nodes are fenced,
 * "deadman ticket was lost") or freeze (left as it is, unmanaged).
 */
import { childElements, firstChild, type XmlElement } from "../../backend/cib/index.js";
import type { TicketConstraint, TicketLossPolicy, TicketState } from "./model.js";
import { isTrue } from "./nvpairs.js";
import { INFINITY, addScores } from "./score.js";
import { primitiveStates, type ResourceState, type Working } from "./working.js";

/** `<status><tickets><ticket_state id granted standby/>`; an absent ticket is not granted. */
export function unpackTicketStates(status: XmlElement | undefined): Map<string, TicketState> {
  const tickets = new Map<string, TicketState>();
  const section = status === undefined ? undefined : firstChild(status, "tickets");
  for (const state of section === undefined ? [] : childElements(section, "ticket_state")) {
    const id = state.attributes["id"];
    if (id === undefined) continue;
    tickets.set(id, { granted: isTrue(state.attributes["granted"]), standby: isTrue(state.attributes["standby"]) });
  }
  return tickets;
}

function ticketOf(working: Working, constraint: TicketConstraint): TicketState {
  return working.model.tickets.get(constraint.ticket) ?? { granted: false, standby: false };
}

/** rsc_ticket_new: fence needs fencing enabled; unset means demote for Promoted, else stop. */
function lossPolicy(working: Working, constraint: TicketConstraint): TicketLossPolicy {
  const policy = constraint.lossPolicy;
  if (policy === "fence" && !working.model.options.stonithEnabled) return "stop";
  return policy ?? (constraint.role === "Promoted" ? "demote" : "stop");
}

function roleMatches(state: ResourceState, constraint: TicketConstraint): boolean {
  return constraint.role === undefined || constraint.role === state.role;
}

function banEverywhere(working: Working, state: ResourceState): void {
  for (const node of working.nodes) {
    state.allowed.set(node.name, addScores(state.allowed.get(node.name) ?? 0, -INFINITY));
  }
}

type Effect = "ban" | "fence" | "freeze" | undefined;

/** constraints_for_ticket for one primitive: what losing (or lacking) the ticket does. */
function ticketEffect(working: Working, state: ResourceState, constraint: TicketConstraint): Effect {
  const ticket = ticketOf(working, constraint);
  if (ticket.granted && !ticket.standby) return undefined;
  const policy = lossPolicy(working, constraint);
  if (!ticket.granted && state.runningOn.length > 0) {
    switch (policy) {
      case "stop":
        return "ban";
      case "demote":
        return constraint.role === "Promoted" ? undefined : "ban";
      case "fence":
        return roleMatches(state, constraint) ? "fence" : undefined;
      case "freeze":
        return roleMatches(state, constraint) ? "freeze" : undefined;
    }
  }
  return constraint.role !== "Promoted" || policy === "stop" ? "ban" : undefined;
}

function forEachTicketedPrimitive(working: Working, visit: (state: ResourceState, effect: Effect) => void): void {
  for (const constraint of working.model.ticketConstraints) {
    const owner = working.states.get(constraint.resourceId);
    if (owner === undefined) continue;
    for (const state of primitiveStates(owner)) visit(state, ticketEffect(working, state, constraint));
  }
}

/** Before placement: fence the nodes of fence-policy resources, freeze freeze-policy ones. */
export function applyTicketLosses(working: Working): void {
  forEachTicketedPrimitive(working, (state, effect) => {
    if (effect === "freeze") {
      state.managed = false;
      state.blocked = true;
    } else if (effect === "fence") {
      for (const name of state.runningOn) {
        const node = working.model.nodeByName.get(name);
        if (node === undefined || node.unclean) continue;
        node.unclean = true;
        node.fenceReason = "deadman ticket was lost";
      }
    }
  });
}

/** With the other node scores: resources without their ticket are banned everywhere. */
export function applyTicketBans(working: Working): void {
  forEachTicketedPrimitive(working, (state, effect) => {
    if (effect === "ban" || effect === "fence") banEverywhere(working, state);
  });
}

/** pcmk__require_promotion_tickets: a Promoted-role ticket that is missing forbids promotion. */
export function lacksPromotionTicket(working: Working, clone: ResourceState): boolean {
  return working.model.ticketConstraints.some((constraint) => {
    if (constraint.role !== "Promoted" || constraint.resourceId !== clone.id) return false;
    const ticket = ticketOf(working, constraint);
    return !ticket.granted || ticket.standby;
  });
}
