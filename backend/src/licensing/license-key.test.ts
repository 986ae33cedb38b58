import { LICENSE_KEY_PATTERN, generateLicenseKey } from "./license-key";

describe("generateLicenseKey", () => {
  test("is four groups of five Crockford base32 symbols", () => {
    for (let i = 0; i < 200; i++) {
      const key = generateLicenseKey();
      expect(key).toMatch(LICENSE_KEY_PATTERN);
      expect(key).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    }
  });

  test("never uses I, L, O or U, which read like 1, 1, 0 and V", () => {
    const symbols = new Set(Array.from({ length: 500 }, generateLicenseKey).join("").replace(/-/g, ""));
    expect([...symbols].filter((c) => "ILOU".includes(c))).toEqual([]);
    // 10,000 random symbols over 32 letters: each shows up, so the full 5 bits per symbol are used.
    expect(symbols.size).toBe(32);
  });

  test("10,000 keys are all distinct", () => {
    const keys = Array.from({ length: 10_000 }, generateLicenseKey);
    expect(new Set(keys).size).toBe(10_000);
  });
});

describe("LICENSE_KEY_PATTERN", () => {
  test.each(["ABCDE-FGHJK-MNPQR-STVWX", "01234-56789-YZ000-00000"])("accepts %s", (key) => {
    expect(key).toMatch(LICENSE_KEY_PATTERN);
  });

  test.each([
    ["a lowercase letter", "abcde-FGHJK-MNPQR-STVWX"],
    ["an I", "ABCDI-FGHJK-MNPQR-STVWX"],
    ["an L", "ABCDL-FGHJK-MNPQR-STVWX"],
    ["an O", "ABCDO-FGHJK-MNPQR-STVWX"],
    ["a U", "ABCDU-FGHJK-MNPQR-STVWX"],
    ["three groups", "ABCDE-FGHJK-MNPQR"],
    ["a short group", "ABCD-FGHJK-MNPQR-STVWX"],
    ["no dashes", "ABCDEFGHJKMNPQRSTVWX"],
    ["trailing text", "ABCDE-FGHJK-MNPQR-STVWX-"],
  ])("rejects %s", (_name, key) => {
    expect(key).not.toMatch(LICENSE_KEY_PATTERN);
  });
});
