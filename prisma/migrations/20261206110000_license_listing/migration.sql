-- CreateIndex
CREATE INDEX "License_accountId_createdAt_unitIndex_bundleMemberCode_id_idx" ON "License"("accountId", "createdAt", "unitIndex", "bundleMemberCode", "id");

