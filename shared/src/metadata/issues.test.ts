import { formatMetadataIssues } from "./issues";

describe("formatMetadataIssues", () => {
  it("joins the messages on one line", () => {
    expect(
      formatMetadataIssues([
        { key: "a", value: "1", source: "price", message: "first" },
        { key: "b", value: undefined, source: "product", message: "second" },
      ]),
    ).toBe("first; second");
  });

  it("is empty for no issues", () => {
    expect(formatMetadataIssues([])).toBe("");
  });
});
