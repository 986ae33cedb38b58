-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "catalogVersion" INTEGER NOT NULL DEFAULT 0;
