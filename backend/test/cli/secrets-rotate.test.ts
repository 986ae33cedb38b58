import { randomBytes } from "node:crypto";
import { SecretBox, keyIdOf, parseKey } from "../../src/crypto/secret-box";
import { sealGrant, tokenContext } from "../../src/connect/token-seal";
import { SigningKeys } from "../../src/license-api/signing-keys";
import { closeDb, createDb, type Db } from "../../src/db/client";
import { TEST_ENCRYPTION_KEY } from "../harness/backend";
import { runCli } from "../harness/cli";
import { createTestDatabase, type TestDatabase } from "../harness/postgres";
import { openEndpointSecret, sealEndpointSecret } from "../../src/outbound/endpoint-secret";

jest.setTimeout(60_000);

let database: TestDatabase;
let db: Db;
const oldKey = parseKey(TEST_ENCRYPTION_KEY)!;
const newKey = randomBytes(32);
let signingKeyId: string;

beforeAll(async () => {
  database = await createTestDatabase("secrets_rotate");
  db = createDb({ connectionString: database.url });
  const grant = { accessToken: "sk_test_oauthsecret", refreshToken: "rt_refreshsecret", stripeAccountId: "acct_rotate", livemode: false };
  const account = await db.account.create({ data: { kind: "CONNECTED", stripeAccountId: "acct_rotate", livemode: false, ...sealGrant(new SecretBox(oldKey), grant) } });
  signingKeyId = (await new SigningKeys(db, new SecretBox(oldKey)).current(account.id)).id;
  await db.webhookEndpoint.create({
    data: { id: ENDPOINT, accountId: account.id, url: "https://example.com/hook", secretEnc: sealEndpointSecret(new SecretBox(oldKey), ENDPOINT, "whsec_rotatesecret") },
  });
});

const ENDPOINT = "0b5b2a9e-6f1e-4c1e-9a57-2f0c3f3f8c42";

afterAll(async () => {
  await closeDb(db);
  await database.drop();
});

test("rotate re-seals every token with the new key; afterwards the old key is not needed, and a second run has nothing to do", async () => {
  const env = { DATABASE_URL: database.url, ENCRYPTION_KEY: newKey.toString("base64"), ENCRYPTION_KEYS_RETIRED: TEST_ENCRYPTION_KEY };
  const first = await runCli(["secrets", "rotate"], env);
  expect(first).toMatchObject({ code: 0, stdout: "OAuth tokens: 2 re-sealed\nSigning keys: 1 re-sealed\nWebhook endpoint secrets: 1 re-sealed\n" });

  const row = await db.account.findFirstOrThrow({ where: { stripeAccountId: "acct_rotate" } });
  expect(row.accessTokenEnc!.split(".")[1]).toBe(keyIdOf(newKey));
  const onlyNew = new SecretBox(newKey);
  expect(onlyNew.open(row.accessTokenEnc!, tokenContext("acct_rotate", false, "access"))).toBe("sk_test_oauthsecret");
  expect(onlyNew.open(row.refreshTokenEnc!, tokenContext("acct_rotate", false, "refresh"))).toBe("rt_refreshsecret");
  const endpoint = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: ENDPOINT } });
  expect(openEndpointSecret(onlyNew, ENDPOINT, endpoint.secretEnc)).toBe("whsec_rotatesecret");

  const signing = await db.signingKey.findUniqueOrThrow({ where: { id: signingKeyId } });
  expect(signing.privateKeyEnc.split(".")[1]).toBe(keyIdOf(newKey));
  expect((await new SigningKeys(db, onlyNew).current(signing.accountId)).id).toBe(signingKeyId);

  expect((await runCli(["secrets", "rotate"], env)).stdout).toBe("OAuth tokens: 0 re-sealed\nSigning keys: 0 re-sealed\nWebhook endpoint secrets: 0 re-sealed\n");
});

test("a key that opens nothing stored is refused by name, and nothing is changed", async () => {
  const before = await db.account.findFirstOrThrow({ where: { stripeAccountId: "acct_rotate" } });
  const run = await runCli(["secrets", "rotate"], { DATABASE_URL: database.url, ENCRYPTION_KEY: randomBytes(32).toString("hex") });
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(new RegExp(`^error: sealed with key ${keyIdOf(newKey)}.*put the key that sealed it in ENCRYPTION_KEYS_RETIRED`));
  expect(await db.account.findFirstOrThrow({ where: { stripeAccountId: "acct_rotate" } })).toEqual(before);
});
