import { isPrivateAddress, literalAddress } from "./url-guard";

test.each([
  "127.0.0.1",
  "10.0.0.1",
  "172.16.5.4",
  "192.168.1.1",
  "169.254.169.254",
  "100.64.0.1",
  "0.0.0.0",
  "224.0.0.1",
  "::1",
  "::",
  "::ffff:7f00:1",
  "fd00::1",
  "fe80::1",
])("%s is private", (address) => {
  expect(isPrivateAddress(address)).toBe(true);
});

test.each(["93.184.215.14", "8.8.8.8", "172.32.0.1", "2606:4700::1111", "::ffff:808:808"])("%s is public", (address) => {
  expect(isPrivateAddress(address)).toBe(false);
});

test("a URL's host is read as an address only when it is one, whatever form it was written in", () => {
  expect(literalAddress(new URL("http://[::1]:8080/x"))).toBe("::1");
  expect(literalAddress(new URL("http://2130706433/"))).toBe("127.0.0.1");
  expect(literalAddress(new URL("https://example.com/"))).toBeNull();
});
