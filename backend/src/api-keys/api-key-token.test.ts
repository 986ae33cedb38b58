import { generateApiKey, hashSecret, parseApiKey, secretMatches } from "./api-key-token";

test("a new key reads tsk_<prefix>_<secret>, parses back into its parts, and stores only the secret's hash", () => {
  const key = generateApiKey();
  expect(key.token).toMatch(/^tsk_[0-9a-f]{12}_[0-9a-f]{48}$/);
  expect(parseApiKey(key.token)).toEqual({ prefix: key.prefix, secret: key.secret });
  expect(key.secretHash).toBe(hashSecret(key.secret));
  expect(key.secretHash).not.toContain(key.secret);
  expect(generateApiKey().prefix).not.toBe(key.prefix);
});

test("anything else is not a key", () => {
  const { token } = generateApiKey();
  for (const bad of ["", "tsk_", token.toUpperCase(), `${token}0`, token.replace("tsk_", "sk_"), `tsk_${"a".repeat(12)}`, ` ${token}`]) {
    expect(parseApiKey(bad)).toBeNull();
  }
});

test("only the right secret matches the stored hash", () => {
  const key = generateApiKey();
  expect(secretMatches(key.secret, key.secretHash)).toBe(true);
  expect(secretMatches(generateApiKey().secret, key.secretHash)).toBe(false);
  expect(secretMatches(key.secret, "not-a-hash")).toBe(false);
});
