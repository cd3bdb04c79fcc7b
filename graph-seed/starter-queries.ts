/**
 * The saved queries every new Redstring starts with: questions journalists ask of the seed model, and
 * examples of each parameter type for analysts writing their own. Loaded with the seed (graph-seed/load.ts)
 * under fixed ids, once: an edited or binned starter query stays as its users left it.
 */
import type { SavedQueryContent } from "../lib/queries/model";

export interface StarterQuery extends SavedQueryContent {
  id: string;
}

export const starterQueries: readonly StarterQuery[] = [
  {
    id: "starter-within-hops",
    title: "Everyone within N hops of an entity",
    description:
      "Every entity reachable from the chosen one in at most N steps (1 to 4), nearest first, with one shortest route to each.",
    tags: ["neighbourhood", "starter"],
    parameters: [
      { name: "entity", type: "entity", label: "Start from", required: true },
      { name: "hops", type: "integer", label: "Hops (1-4)", defaultValue: "2", required: true },
    ],
    cypher: `MATCH (start:Entity {id: $entity})
MATCH (other:Entity) WHERE other <> start
MATCH route = shortestPath((start)-[*..4]-(other))
WHERE length(route) <= $hops
RETURN other.name AS name, [label IN labels(other) WHERE label <> 'Entity'][0] AS type, length(route) AS hops, route
ORDER BY hops, name
LIMIT 300`,
  },
  {
    id: "starter-events-between",
    title: "Events involving an entity between two dates",
    description:
      "Events the entity acted in, was the target of, or that concern it, in date order. Leave a date empty to leave that end open.",
    tags: ["timeline", "events", "starter"],
    parameters: [
      { name: "entity", type: "entity", label: "Entity", required: true },
      { name: "from", type: "date", label: "From", defaultValue: "2000-01-01", required: false },
      { name: "to", type: "date", label: "To", required: false },
    ],
    cypher: `MATCH (subject:Entity {id: $entity})-[role]-(event:Event)
WHERE ($from IS NULL OR event.date >= $from)
  AND ($to IS NULL OR event.date <= $to)
RETURN event.date AS date, event.name AS what, type(role) AS role, subject, role AS link, event
ORDER BY date, what`,
  },
  {
    id: "starter-shortest-paths",
    title: "Shortest paths between two entities",
    description: "Every shortest path (up to 6 steps) between two entities: how is A connected to B?",
    tags: ["paths", "starter"],
    parameters: [
      { name: "source", type: "entity", label: "From", required: true },
      { name: "target", type: "entity", label: "To", required: true },
    ],
    cypher: `MATCH (a:Entity {id: $source}), (b:Entity {id: $target})
MATCH route = allShortestPaths((a)-[*..6]-(b))
RETURN length(route) AS steps, [n IN nodes(route) | n.name] AS via, route
LIMIT 25`,
  },
  {
    id: "starter-reports-behind-links",
    title: "Reports that support the links of an entity",
    description: "Which reports back the relationships of an entity, and how many links each one supports.",
    tags: ["provenance", "sources", "starter"],
    parameters: [{ name: "entity", type: "entity", label: "Entity", required: true }],
    cypher: `MATCH (subject:Entity {id: $entity})-[link]-(other:Entity)
UNWIND coalesce(link.sources, []) AS reportId
MATCH (report:Report {id: reportId})
RETURN report.name AS title, report.publisher AS publisher, report.publishedAt AS published,
       count(DISTINCT link) AS links, collect(DISTINCT other.name) AS about, report
ORDER BY links DESC, title`,
  },
  {
    id: "starter-actors-on-company",
    title: "Legislators and agencies that acted on a company",
    description:
      "Legislators and agencies that acted in events targeting or concerning the company, with the events in date order.",
    tags: ["accountability", "events", "starter"],
    parameters: [{ name: "company", type: "entity", label: "Company", required: true }],
    cypher: `MATCH (company:Company {id: $company})-[about:TARGET_OF|CONCERNS]-(event:Event)<-[acted:ACTED_IN]-(actor:Entity)
WHERE actor:Legislator OR actor:Agency
RETURN actor.name AS who, [label IN labels(actor) WHERE label <> 'Entity'][0] AS type, event.date AS date, event.name AS what,
       actor, acted, event, about, company
ORDER BY date, who`,
  },
  {
    id: "starter-entities-of-type",
    title: "Entities of a type, most connected first",
    description: "Every entity of the chosen type with its number of connections.",
    tags: ["overview", "starter"],
    parameters: [
      { name: "type", type: "entityType", label: "Type", defaultValue: "Legislator", required: true },
      { name: "limit", type: "integer", label: "At most", defaultValue: "50", required: true },
    ],
    cypher: `MATCH (n:Entity) WHERE $type IN labels(n)
RETURN n.name AS name, COUNT { (n)--(:Entity) } AS connections, n
ORDER BY connections DESC, name
LIMIT $limit`,
  },
];
