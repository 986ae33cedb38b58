import { parseFeatureSets } from "./feature-sets";

describe("parseFeatureSets", () => {
  it.each([
    ["0:3;1:1", [{ set: 0, mask: 3 }, { set: 1, mask: 1 }]],
    ["0:1", [{ set: 0, mask: 1 }]],
    // QLM lists are kept in the vendor's order, and a trailing ";" is common in QLM examples.
    ["5:0;2:7;", [{ set: 5, mask: 0 }, { set: 2, mask: 7 }]],
    ["63:2147483647", [{ set: 63, mask: 2147483647 }]],
  ])("reads %j", (text, featureSets) => {
    expect(parseFeatureSets(text)).toEqual({ ok: true, featureSets });
  });

  it.each([
    ["", "lists no feature sets"],
    [";", "lists no feature sets"],
    ["0:3;;1:1", 'has "", which is not set:mask'],
    // Only one trailing ";" is a separator; a second one is an empty pair.
    ["0:3;;", 'has "", which is not set:mask'],
    ["0:3,1:1", 'has "0:3,1:1", which is not set:mask'],
    ["0:3; 1:1", 'has " 1:1", which is not set:mask'],
    ["a:b", 'has "a:b", which is not set:mask'],
    ["0:-1", 'has "0:-1", which is not set:mask'],
    ["0:1.5", 'has "0:1.5", which is not set:mask'],
    ["0", 'has "0", which is not set:mask'],
    ["64:1", "has set 64, above 63"],
    ["0:2147483648", "has mask 2147483648, above 2147483647"],
    ["0:3;1:1;0:1", "lists set 0 twice"],
  ])("rejects %j", (text, problem) => {
    expect(parseFeatureSets(text)).toEqual({ ok: false, problem });
  });
});
