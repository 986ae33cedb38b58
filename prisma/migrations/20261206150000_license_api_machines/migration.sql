-- License API: what a machine says about itself at activation, and the batched last-validated stamp.
ALTER TABLE "Activation" ADD COLUMN "name" TEXT,
ADD COLUMN "platform" TEXT,
ADD COLUMN "metadata" JSONB NOT NULL DEFAULT '{}';

ALTER TABLE "License" ADD COLUMN "lastValidatedAt" TIMESTAMPTZ(3);
