import { nodeLabel, toElements } from "@/lib/graph/elements";
import { previewSvg } from "@/lib/export/png";
import type { PositionedGraph } from "@/lib/graph/positioned";
import { graphToSvg, xmlText } from "@/lib/export/svg";
import { balanceBidi, hasBidiControls, isolate, isolateQuoted, stripBidiControls } from "@/lib/text/bidi";

const [LRE, RLE, PDF, LRO, RLO] = ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E"];
const [LRI, RLI, FSI, PDI] = ["\u2066", "\u2067", "\u2068", "\u2069"];
const [LRM, RLM, ALM] = ["\u200E", "\u200F", "\u061C"];
const CONTROLS = [LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, LRM, RLM, ALM];

/**
 * Unicode's explicit rules (UAX #9, X1-X8) reduced to what containment needs: the stack of open
 * embeddings/overrides ("e") and isolates ("i") after reading `text`, with unmatched terminators
 * ignored as the algorithm ignores them (overflow is not modelled: balanceBidi caps the depth far below).
 */
function openAfter(text: string): string[] {
  const stack: string[] = [];
  for (const char of text) {
    if ([LRE, RLE, LRO, RLO].includes(char)) stack.push("e");
    else if ([LRI, RLI, FSI].includes(char)) stack.push("i");
    else if (char === PDF) {
      if (stack[stack.length - 1] === "e") stack.pop();
    } else if (char === PDI) {
      const at = stack.lastIndexOf("i");
      if (at >= 0) stack.splice(at);
    }
  }
  return stack;
}

/** A deterministic pseudo-random generator (mulberry32), so the property test is the same every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("stripBidiControls", () => {
  it("removes every embedding, override, isolate and mark, and nothing else", () => {
    for (const control of CONTROLS) expect(stripBidiControls(`Acme${control} Corp`)).toBe("Acme Corp");
    expect(stripBidiControls(CONTROLS.join(""))).toBe("");
    // Letters keep their own direction; joiners and other format characters are not bidi controls.
    const kept = "שלום مرحبا Zürich a\u200Db\u200Cc 123";
    expect(stripBidiControls(kept)).toBe(kept);
  });

  it("turns the hostile name back into the plain one", () => {
    expect(stripBidiControls(`Evil ${RLO}knil nepo${PDF} Ltd`)).toBe("Evil knil nepo Ltd");
  });
});

describe("hasBidiControls", () => {
  it("says whether a control is in the text", () => {
    for (const control of CONTROLS) expect(hasBidiControls(`x${control}`)).toBe(true);
    expect(hasBidiControls("שלום مرحبا")).toBe(false);
    // Twice in a row: no regex state is left behind between calls.
    expect(hasBidiControls(RLO)).toBe(true);
    expect(hasBidiControls(RLO)).toBe(true);
  });
});

describe("balanceBidi", () => {
  it("leaves text without controls as it is", () => {
    for (const text of ["", "Acme Corp", "שלום עולם", "مرحبا 123"]) expect(balanceBidi(text)).toBe(text);
  });

  it("keeps balanced controls and marks", () => {
    for (const text of [`a${RLO}b${PDF}c`, `a${RLI}b${PDI}c`, `${LRE}x${RLE}y${PDF}${PDF}`, `a${RLM}b${LRM}c${ALM}`, `${FSI}a${RLO}b${PDF}${PDI}`]) {
      expect(balanceBidi(text)).toBe(text);
    }
  });

  it("closes what the text leaves open, innermost first", () => {
    expect(balanceBidi(`Evil ${RLO}Ltd`)).toBe(`Evil ${RLO}Ltd${PDF}`);
    expect(balanceBidi(`${RLI}a${RLE}b`)).toBe(`${RLI}a${RLE}b${PDF}${PDI}`);
    expect(balanceBidi(`${LRO}a${FSI}b`)).toBe(`${LRO}a${FSI}b${PDI}${PDF}`);
  });

  it("drops terminators with nothing of their own to close, which would close the isolate around the text", () => {
    expect(balanceBidi(`${PDI}${RLO}evil`)).toBe(`${RLO}evil${PDF}`);
    expect(balanceBidi(`a${PDF}b${PDI}c`)).toBe("abc");
    // A PDF cannot close an embedding outside an isolate opened after it (rule X7): dropped.
    expect(balanceBidi(`${RLE}a${LRI}b${PDF}c${PDI}d${PDF}`)).toBe(`${RLE}a${LRI}bc${PDI}d${PDF}`);
  });

  it("a PDI closes the embeddings opened inside its isolate, as the algorithm does (rule X6a)", () => {
    expect(balanceBidi(`${RLI}a${RLO}b${PDI}c`)).toBe(`${RLI}a${RLO}b${PDI}c`);
    expect(openAfter(balanceBidi(`${RLI}a${RLO}b${PDI}c`))).toEqual([]);
  });

  it("drops nesting deeper than 16, with the terminators that match it", () => {
    const deep = `${RLE.repeat(40)}x${PDF.repeat(40)}`;
    expect(balanceBidi(deep)).toBe(`${RLE.repeat(16)}x${PDF.repeat(16)}`);
    const open = `${RLI.repeat(20)}x`;
    expect(balanceBidi(open)).toBe(`${RLI.repeat(16)}x${PDI.repeat(16)}`);
  });

  it("whatever the text, nothing it opens outlives it, and an isolate around it closes where it should", () => {
    const next = random(12);
    const alphabet = [...CONTROLS, "a", "b", "א", "ب", " ", "1"];
    for (let round = 0; round < 2000; round += 1) {
      const length = 1 + Math.floor(next() * 24);
      const text = Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join("");
      const balanced = balanceBidi(text);
      expect(openAfter(balanced), JSON.stringify(text)).toEqual([]);
      // Inside an isolate that the app opened, the text never closes it early: still open after the text...
      expect(openAfter(`${FSI}${balanced}`), JSON.stringify(text)).toEqual(["i"]);
      // ...and the app's PDI closes exactly it.
      expect(openAfter(`${FSI}${balanced}${PDI}`), JSON.stringify(text)).toEqual([]);
      // Only controls are ever removed or added; the text's other characters stay, in order.
      expect(stripBidiControls(balanced)).toBe(stripBidiControls(text));
    }
  });
});

describe("isolate", () => {
  it("leaves text that cannot reorder anything as it is", () => {
    for (const text of ["Acme Corp", "Zürich 1984", "<img src=x>", "東京", ""]) expect(isolate(text)).toBe(text);
  });

  it("wraps right-to-left text and text with controls in FSI…PDI, balanced", () => {
    expect(isolate("שלום")).toBe(`${FSI}שלום${PDI}`);
    expect(isolate("مرحبا")).toBe(`${FSI}مرحبا${PDI}`);
    expect(isolate(`Evil ${RLO}Ltd`)).toBe(`${FSI}Evil ${RLO}Ltd${PDF}${PDI}`);
    expect(isolate(`${PDI}${RLO}Ltd`)).toBe(`${FSI}${RLO}Ltd${PDF}${PDI}`);
    expect(isolate(`a${RLM}`)).toBe(`${FSI}a${RLM}${PDI}`);
  });

  it("keeps the app's words after it outside every embedding", () => {
    const label = `${isolate(`${PDI}${PDI}${RLO}${RLI}Evil`)} → funded → ${isolate("Acme")}`;
    const tail = label.slice(label.lastIndexOf(PDI) + 1);
    expect(tail).toBe(" → funded → Acme");
    expect(openAfter(label)).toEqual([]);
  });
});

describe("isolateQuoted", () => {
  it("isolates each quoted part of a message and leaves messages that cannot reorder unchanged", () => {
    expect(isolateQuoted('No entity has the id "acme".')).toBe('No entity has the id "acme".');
    expect(isolateQuoted(`No entity has the id "${RLO}acme".`)).toBe(`No entity has the id "${FSI}${RLO}acme${PDF}${PDI}".`);
    expect(isolateQuoted("“שלום” was changed by someone else")).toBe(`“${FSI}שלום${PDI}” was changed by someone else`);
  });

  it("removes controls outside any quote: the app's words never hold one", () => {
    // A quote mark inside the user text ends the quoted part early; what follows is stripped, not obeyed.
    expect(isolateQuoted(`No entity has the id "a"${RLO}b".`)).toBe('No entity has the id "a"b".');
    expect(openAfter(isolateQuoted(`The upload of ${RLO}x.csv failed (413).`))).toEqual([]);
  });
});

describe("drawings carry no bidi control: canvas labels, SVG, the link-preview image", () => {
  const HOSTILE = `Evil ${RLO}Ltd${PDI}${LRI}`;
  const graph: PositionedGraph = {
    nodes: [
      { id: "company-evil", type: "Company", name: HOSTILE, properties: {}, position: { x: 0, y: 0 } },
      { id: "event-evil", type: "Event", name: `${RLI}Raid`, properties: { date: "2019-05-01", datePrecision: "day" }, position: { x: 120, y: 0 } },
    ],
    edges: [
      { id: "rel-1", type: "ACTED_IN", source: "company-evil", target: "event-evil", properties: {}, sources: [], quote: `${RLO}quote` },
    ],
  };
  const controls = new RegExp(`[${CONTROLS.join("")}]`, "u");

  it("Cytoscape labels (lib/graph/elements.ts) keep the letters and lose the controls", () => {
    const { nodes } = toElements(graph);
    expect(nodes.map((node) => node.data.label)).toEqual(["Evil Ltd", "Raid\n1 May 2019"]);
    expect(nodeLabel(graph.nodes[0]!)).toBe("Evil Ltd");
  });

  it("an SVG export and the preview's SVG hold none, in text or titles", () => {
    const { svg } = graphToSvg(graph, { title: `${HOSTILE} and 1 more` });
    expect(svg).toContain("Evil Ltd");
    expect(svg).not.toMatch(controls);
    const preview = previewSvg(graph, `${RLO}Shared ${HOSTILE}`);
    expect(preview).toContain("Shared Evil Ltd");
    expect(preview).not.toMatch(controls);
    expect(xmlText(`<${RLO}b>`)).toBe("&lt;b&gt;");
  });
});
