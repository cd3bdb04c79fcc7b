import { searchContext } from "@/lib/explore/search-context";

describe("searchContext: what tells namesakes apart in search hits", () => {
  it("gives a legislator's party, state, chamber and whether sitting, in that order", () => {
    expect(searchContext("Legislator", { party: "Republican", state: "FL", chamber: "senate", current: true })).toEqual([
      "Republican",
      "FL",
      "Senate",
      "sitting",
    ]);
    expect(searchContext("Legislator", { party: "Democrat", state: "TX", chamber: "house", current: false })).toEqual([
      "Democrat",
      "TX",
      "House",
      "former",
    ]);
  });

  it("says when a legislator was born (the Congress data has no terms of office), after the rest", () => {
    expect(searchContext("Legislator", { party: "Republican", state: "FL", chamber: "senate", current: true, birthDate: "1971-05-28" })).toEqual([
      "Republican",
      "FL",
      "Senate",
      "sitting",
      "born 28 May 1971",
    ]);
  });

  it("gives two same-named legislators different lines when their data differ", () => {
    const one = searchContext("Legislator", { party: "Democrat", state: "NY" });
    const other = searchContext("Legislator", { party: "Republican", state: "OH" });
    expect(one).not.toEqual(other);
  });

  it("reads an event's dates at their precision, as one range", () => {
    expect(searchContext("Event", { date: "2017-12-29" })).toEqual(["29 December 2017"]);
    expect(searchContext("Event", { date: "2017-12-01", datePrecision: "month" })).toEqual(["December 2017"]);
    expect(searchContext("Event", { date: "2017", endDate: "2018-02-14" })).toEqual(["2017 – 14 February 2018"]);
  });

  it("numbers a bill's congress in words", () => {
    expect(searchContext("Bill", { congress: 114 })).toEqual(["114th Congress"]);
    expect(searchContext("Bill", { congress: 101 })).toEqual(["101st Congress"]);
    expect(searchContext("Bill", { congress: 112 })).toEqual(["112th Congress"]);
  });

  it("gives a company's country and a report's publisher and date", () => {
    expect(searchContext("Company", { country: "US", industry: "Life sciences" })).toEqual(["US", "Life sciences"]);
    expect(searchContext("Report", { publisher: "AP", publishedAt: "2019-02" })).toEqual(["AP", "February 2019"]);
  });

  it("leaves out empty values, fields the registry does not declare and links", () => {
    expect(searchContext("Company", { country: "", website: "https://example.test", notAField: "x" })).toEqual([]);
    expect(searchContext("Subject", { vocabulary: "CRS" })).toEqual([]);
  });
});
