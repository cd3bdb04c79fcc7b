/** How long a refused reader is told to wait (lib/rate-limit.ts waitText): seconds up to a minute, then minutes. */
import { waitText } from "@/lib/rate-limit";

describe("waitText", () => {
  it("counts seconds up to a whole minute, rounding up, never zero", () => {
    expect(waitText(0)).toBe("Wait 1 second");
    expect(waitText(1_200)).toBe("Wait 2 seconds");
    expect(waitText(59_001)).toBe("Wait 60 seconds");
    expect(waitText(60_000)).toBe("Wait 60 seconds");
  });

  it("counts minutes past a minute, rounding up", () => {
    expect(waitText(60_001)).toBe("Wait 2 minutes");
    expect(waitText(13 * 60_000)).toBe("Wait 13 minutes");
  });
});
