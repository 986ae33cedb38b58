-- Ed25519 keys that sign the answers of the License API, per account, with the private key sealed.
CREATE TABLE "SigningKey" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "privateKeyEnc" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiresAt" TIMESTAMPTZ(3),

    CONSTRAINT "SigningKey_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "SigningKey_accountId_createdAt_idx" ON "SigningKey"("accountId", "createdAt");

ALTER TABLE "SigningKey" ADD CONSTRAINT "SigningKey_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;
