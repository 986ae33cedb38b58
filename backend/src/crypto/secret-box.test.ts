import { randomBytes } from "node:crypto";
import { SecretBox, SecretBoxError, keyIdOf, parseKey } from "./secret-box";

describe("SecretBox", () => {
  const key = randomBytes(32);
  const box = new SecretBox(key);

  it("opens what it sealed, and the sealed text shows neither the secret nor the key", () => {
    const sealed = box.seal("sk_live_abc123", "account:1:access_token");
    expect(sealed).not.toContain("sk_live_abc123");
    expect(sealed).not.toContain(key.toString("base64url"));
    expect(sealed.split(".")[1]).toBe(keyIdOf(key));
    expect(box.open(sealed, "account:1:access_token")).toBe("sk_live_abc123");
  });

  it("refuses a value sealed for another place or altered", () => {
    const sealed = box.seal("secret", "account:1:access_token");
    expect(() => box.open(sealed, "account:2:access_token")).toThrow(SecretBoxError);
    const parts = sealed.split(".");
    const body = Buffer.from(parts[3]!, "base64url");
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString("base64url");
    expect(() => box.open(parts.join("."), "account:1:access_token")).toThrow(/does not verify/);
    expect(() => box.open("plain text", "x")).toThrow(/not a sealed secret/);
  });

  it("opens values of a retired key after rotation, and names a key it does not have", () => {
    const next = randomBytes(32);
    const rotated = new SecretBox(next, [key]);
    const old = box.seal("refresh", "ctx");
    expect(rotated.isCurrent(old)).toBe(false);
    expect(rotated.open(old, "ctx")).toBe("refresh");
    expect(rotated.isCurrent(rotated.seal("refresh", "ctx"))).toBe(true);
    expect(() => new SecretBox(next).open(old, "ctx")).toThrow(new RegExp(keyIdOf(key)));
  });

  it("signs for a purpose: another purpose, other data or another key do not verify", () => {
    const signature = box.sign("oauth-state", "nonce.123");
    expect(box.verify("oauth-state", "nonce.123", signature)).toBe(true);
    expect(box.verify("oauth-state", "nonce.124", signature)).toBe(false);
    expect(box.verify("other", "nonce.123", signature)).toBe(false);
    expect(new SecretBox(randomBytes(32)).verify("oauth-state", "nonce.123", signature)).toBe(false);
    expect(box.verify("oauth-state", "nonce.123", "short")).toBe(false);
  });

  it("reads keys as hex or base64 of exactly 32 bytes", () => {
    expect(parseKey(key.toString("hex"))).toEqual(key);
    expect(parseKey(key.toString("base64"))).toEqual(key);
    expect(parseKey(key.toString("base64url"))).toEqual(key);
    expect(parseKey(randomBytes(16).toString("hex"))).toBeNull();
    expect(parseKey("not a key")).toBeNull();
  });
});
