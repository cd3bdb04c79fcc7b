/**
 * What the canvas keeps in step with its props, as plain functions of a Cytoscape instance: classes that
 * mark sets of elements, sizes and colours as element data, collapsed groups, labels by zoom level, and
 * the neighbourhood under the pointer. Nothing here moves a node.
 */
import type { Core, NodeSingular } from "cytoscape";
import { groupLinks, groupNodeId, type NodeGroup } from "@/lib/graph/groups";
import type { GraphData } from "@/lib/graph/types";
import { labelBudget } from "@/lib/graph/reading";

/** Gives `className` to exactly the elements of `ids`. */
export function sameSet(cy: Core, className: string, ids: ReadonlySet<string> | undefined) {
  cy.batch(() => {
    cy.elements(`.${className}`).forEach((element) => {
      if (!ids?.has(element.id())) element.removeClass(className);
    });
    ids?.forEach((id) => cy.getElementById(id).addClass(className));
  });
}

/** Sets (or, where the map has no value, removes) one data field on every node. */
export function nodeData(cy: Core, key: string, values: ReadonlyMap<string, string | number> | undefined) {
  cy.batch(() => {
    cy.nodes().forEach((node) => {
      const value = values?.get(node.id());
      if (value === undefined) {
        if (node.data(key) !== undefined) node.removeData(key);
      } else if (node.data(key) !== value) node.data(key, value);
    });
  });
}

/**
 * Collapsed groups: each is one node at its members' centre, joined to its outside neighbours; members
 * get the `grouped` class (not drawn). Groups no longer asked for are removed and their members shown.
 */
export function syncGroups(cy: Core, graph: GraphData, groups: readonly NodeGroup[]) {
  const wanted = new Map(groups.map((group) => [groupNodeId(group), group]));
  const groupOf = new Map<string, string>();
  for (const group of groups) for (const member of group.members) groupOf.set(member, groupNodeId(group));
  cy.batch(() => {
    cy.nodes(".group").forEach((node) => {
      if (!wanted.has(node.id())) node.remove();
    });
    cy.edges(".group-link").remove();
    cy.nodes(".grouped").forEach((node) => {
      if (!groupOf.has(node.id())) node.removeClass("grouped");
    });
    for (const [id, group] of wanted) {
      let members = cy.collection();
      for (const member of group.members) members = members.union(cy.getElementById(member));
      if (members.empty()) continue;
      if (cy.getElementById(id).empty()) {
        const box = members.boundingBox({});
        cy.add({
          group: "nodes",
          data: { id, label: group.label, short: group.label, type: "group", color: "#6b7280", shape: "round-rectangle", size: Math.min(90, 30 + Math.sqrt(members.length) * 4) },
          position: { x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2 },
          classes: "group",
        });
      }
      members.addClass("grouped");
    }
    for (const [id, group] of wanted) {
      if (cy.getElementById(id).empty()) continue;
      for (const link of groupLinks(graph, group, groupOf)) {
        if (cy.getElementById(link.other).empty() || cy.getElementById(link.id).nonempty()) continue;
        // A link between two groups is found from both sides: draw it once.
        if (cy.getElementById(`${link.other}->${id}`).nonempty()) continue;
        cy.add({ group: "edges", data: { id: link.id, source: id, target: link.other, label: `${link.count}`, width: Math.min(8, 1 + Math.log2(link.count)) }, classes: "group-link" });
      }
    }
  });
}

/** Labels the `labelBudget` most important nodes for the current zoom; the others get `quiet`. */
export function syncLabels(cy: Core, ranked: readonly string[]) {
  const budget = labelBudget(ranked.length, cy.zoom());
  const key = `${ranked.length}:${budget}`;
  if (cy.scratch("_labelKey") === key) return;
  cy.scratch("_labelKey", key);
  cy.batch(() => {
    ranked.forEach((id, rank) => {
      const node = cy.getElementById(id);
      if (rank < budget) node.removeClass("quiet");
      else node.addClass("quiet");
    });
  });
}

/** Hovering a node: everything outside its neighbourhood fades; leaving it brings everything back. */
export function dimAround(cy: Core, node: NodeSingular | null) {
  cy.batch(() => {
    if (!node) {
      cy.elements(".faded").removeClass("faded");
      return;
    }
    const near = node.closedNeighborhood();
    cy.elements().difference(near).addClass("faded");
    near.removeClass("faded");
  });
}

const NOT_DRAWN = ["filtered", "grouped"];

/**
 * Nodes plus edges drawn: not filtered out, not inside a collapsed group, and (an edge) with both ends
 * drawn. Read from the classes, not from the renderer, so it is right as soon as the classes are set.
 */
export function drawnCount(cy: Core): number {
  const hidden = (element: { hasClass(name: string): boolean }) => NOT_DRAWN.some((name) => element.hasClass(name));
  let count = 0;
  cy.nodes().forEach((node) => {
    if (!hidden(node)) count++;
  });
  cy.edges().forEach((edge) => {
    if (!hidden(edge) && !hidden(edge.source()) && !hidden(edge.target())) count++;
  });
  return count;
}
