import { renderLicenseMail } from "./render-license-mail";

const facts = {
  customerName: null,
  customerEmail: "ada@example.com",
  licenses: [
    { key: "AAAAA-11111", product: "Editor", expiresAt: new Date("2027-01-31T12:00:00Z") },
    { key: "BBBBB-22222", product: "Editor", expiresAt: null },
    { key: "CCCCC-33333", product: "Viewer", expiresAt: null },
  ],
};

test("a body line naming a license placeholder is written once per license; the others once", () => {
  const { body } = renderLicenseMail({ subject: "x", body: "Hi {{ customer_name }},\n{{license_count}} keys:\n- {{product}} {{license_key}} until {{expires_at}} ({{customer_email}})\nBye" }, facts);
  expect(body).toBe(
    [
      "Hi ada@example.com,",
      "3 keys:",
      "- Editor AAAAA-11111 until 2027-01-31 (ada@example.com)",
      "- Editor BBBBB-22222 until never (ada@example.com)",
      "- Viewer CCCCC-33333 until never (ada@example.com)",
      "Bye",
    ].join("\n"),
  );
});

test("in the subject a license placeholder lists each license's value once", () => {
  expect(renderLicenseMail({ subject: "{{product}}: {{license_count}} license(s) for {{customer_email}}", body: "" }, facts).subject).toBe(
    "Editor, Viewer: 3 license(s) for ada@example.com",
  );
});
