-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "announceAt" TIMESTAMP(3),
ADD COLUMN     "announcedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "lastDigestAt" TIMESTAMP(3),
ADD COLUMN     "notifyByEmail" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "awardsVerified" BOOLEAN,
ADD COLUMN     "nomineeUnit" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "TimelineEntry" ADD COLUMN     "forApplicant" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "note" TEXT;

-- AlterTable
ALTER TABLE "Honouree" ADD COLUMN     "caseId" TEXT;

-- CreateTable
CREATE TABLE "EligibilityReview" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "honoureeId" TEXT NOT NULL,
    "taskId" TEXT,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ruling" TEXT,
    "ruledAt" TIMESTAMP(3),

    CONSTRAINT "EligibilityReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EligibilityReview_caseId_honoureeId_key" ON "EligibilityReview"("caseId", "honoureeId");

-- CreateIndex
CREATE UNIQUE INDEX "Honouree_caseId_key" ON "Honouree"("caseId");


-- Data: cases from before the nominee's own unit was asked for take their recommending unit; a
-- campaign whose cases were announced automatically at the end of the notice was announced then.
UPDATE "Case" SET "nomineeUnit" = "recommendingUnit" WHERE "nomineeUnit" = '';
UPDATE "Campaign" SET "announcedAt" = "noticeEndsAt"
WHERE "announcedAt" IS NULL AND EXISTS (SELECT 1 FROM "Case" WHERE "Case"."campaignId" = "Campaign"."id" AND "Case"."status" = 'announced');
