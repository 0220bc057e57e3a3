-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN "announceAt" DATETIME;
ALTER TABLE "Campaign" ADD COLUMN "announcedAt" DATETIME;

-- AlterTable
ALTER TABLE "Task" ADD COLUMN "note" TEXT;

-- AlterTable
ALTER TABLE "Honouree" ADD COLUMN "caseId" TEXT;

-- CreateTable
CREATE TABLE "EligibilityReview" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "honoureeId" TEXT NOT NULL,
    "taskId" TEXT,
    "openedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ruling" TEXT,
    "ruledAt" DATETIME
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL DEFAULT '',
    "passwordHash" TEXT,
    "roles" TEXT NOT NULL,
    "fields" TEXT NOT NULL DEFAULT '[]',
    "campaigns" TEXT NOT NULL DEFAULT '[]',
    "email" TEXT,
    "unitId" TEXT,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "notifyByEmail" BOOLEAN NOT NULL DEFAULT true,
    "lastDigestAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "User_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_User" ("campaigns", "createdAt", "disabled", "displayName", "email", "fields", "id", "passwordHash", "roles", "unitId", "username") SELECT "campaigns", "createdAt", "disabled", "displayName", "email", "fields", "id", "passwordHash", "roles", "unitId", "username" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");
CREATE INDEX "User_unitId_idx" ON "User"("unitId");
CREATE TABLE "new_Case" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "recommendingUnit" TEXT NOT NULL,
    "nomineeUnit" TEXT NOT NULL DEFAULT '',
    "awardsVerified" BOOLEAN,
    "unitId" TEXT,
    "submittedByUserId" TEXT,
    "idempotencyKey" TEXT,
    "applicantEmail" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'zh-CN',
    "nomineeName" TEXT NOT NULL,
    "form" TEXT NOT NULL,
    "mediaAwardCount" INTEGER NOT NULL DEFAULT 0,
    "quotaKey" TEXT,
    "activeNomineeKey" TEXT,
    "accessTokenHash" TEXT,
    "status" TEXT NOT NULL,
    "lastSeq" INTEGER NOT NULL DEFAULT 0,
    "score" REAL,
    "rank" INTEGER,
    "selected" BOOLEAN,
    "promotedFor" TEXT,
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Case_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Case" ("accessTokenHash", "activeNomineeKey", "applicantEmail", "campaignId", "category", "channel", "closedAt", "field", "form", "id", "idempotencyKey", "language", "lastSeq", "mediaAwardCount", "nomineeName", "promotedFor", "quotaKey", "rank", "recommendingUnit", "score", "selected", "status", "submittedAt", "submittedByUserId", "unitId", "updatedAt", "workflowId") SELECT "accessTokenHash", "activeNomineeKey", "applicantEmail", "campaignId", "category", "channel", "closedAt", "field", "form", "id", "idempotencyKey", "language", "lastSeq", "mediaAwardCount", "nomineeName", "promotedFor", "quotaKey", "rank", "recommendingUnit", "score", "selected", "status", "submittedAt", "submittedByUserId", "unitId", "updatedAt", "workflowId" FROM "Case";
DROP TABLE "Case";
ALTER TABLE "new_Case" RENAME TO "Case";
CREATE UNIQUE INDEX "Case_workflowId_key" ON "Case"("workflowId");
CREATE UNIQUE INDEX "Case_idempotencyKey_key" ON "Case"("idempotencyKey");
CREATE UNIQUE INDEX "Case_activeNomineeKey_key" ON "Case"("activeNomineeKey");
CREATE UNIQUE INDEX "Case_accessTokenHash_key" ON "Case"("accessTokenHash");
CREATE UNIQUE INDEX "Case_promotedFor_key" ON "Case"("promotedFor");
CREATE INDEX "Case_campaignId_status_idx" ON "Case"("campaignId", "status");
CREATE TABLE "new_TimelineEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "note" TEXT,
    "forApplicant" BOOLEAN NOT NULL DEFAULT true,
    "actorId" TEXT,
    CONSTRAINT "TimelineEntry_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_TimelineEntry" ("actorId", "at", "caseId", "id", "note", "seq", "status") SELECT "actorId", "at", "caseId", "id", "note", "seq", "status" FROM "TimelineEntry";
DROP TABLE "TimelineEntry";
ALTER TABLE "new_TimelineEntry" RENAME TO "TimelineEntry";
CREATE UNIQUE INDEX "TimelineEntry_caseId_seq_key" ON "TimelineEntry"("caseId", "seq");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "EligibilityReview_caseId_honoureeId_key" ON "EligibilityReview"("caseId", "honoureeId");

-- CreateIndex
CREATE UNIQUE INDEX "Honouree_caseId_key" ON "Honouree"("caseId");


-- Data: cases from before the nominee's own unit was asked for take their recommending unit; a
-- campaign whose cases were announced automatically at the end of the notice was announced then.
UPDATE "Case" SET "nomineeUnit" = "recommendingUnit" WHERE "nomineeUnit" = '';
UPDATE "Campaign" SET "announcedAt" = "noticeEndsAt"
WHERE "announcedAt" IS NULL AND EXISTS (SELECT 1 FROM "Case" WHERE "Case"."campaignId" = "Campaign"."id" AND "Case"."status" = 'announced');
