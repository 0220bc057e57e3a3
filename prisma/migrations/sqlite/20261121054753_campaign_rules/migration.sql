-- AlterTable
ALTER TABLE "User" ADD COLUMN "email" TEXT;

-- AlterTable
ALTER TABLE "Case" ADD COLUMN "activeNomineeKey" TEXT;
ALTER TABLE "Case" ADD COLUMN "quotaKey" TEXT;

-- CreateTable
CREATE TABLE "QuotaUsage" (
    "campaignId" TEXT NOT NULL,
    "unitKey" TEXT NOT NULL,
    "used" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("campaignId", "unitKey")
);

-- CreateTable
CREATE TABLE "Honouree" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "lookupKey" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "CommitteeVote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "taskId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "score" REAL,
    "comment" TEXT,
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Objection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "contact" TEXT,
    "lodgedBy" TEXT,
    "lodgedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "taskId" TEXT,
    "ruling" TEXT,
    "ruledAt" DATETIME
);

-- CreateTable
CREATE TABLE "FraudReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "evidence" TEXT,
    "reportedBy" TEXT NOT NULL,
    "reportedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "taskId" TEXT,
    "ruling" TEXT,
    "ruledAt" DATETIME
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "caseId" TEXT,
    "details" TEXT NOT NULL DEFAULT '{}'
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Task" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "candidateGroup" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "escalatedAt" DATETIME,
    "claimedBy" TEXT,
    "claimedAt" DATETIME,
    "decision" TEXT,
    "comment" TEXT,
    "score" REAL,
    "decidedBy" TEXT,
    "decidedAt" DATETIME,
    CONSTRAINT "Task_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Task" ("campaignId", "candidateGroup", "caseId", "claimedAt", "claimedBy", "comment", "createdAt", "decidedAt", "decidedBy", "decision", "dueAt", "field", "id", "kind", "score", "status", "summary") SELECT "campaignId", "candidateGroup", "caseId", "claimedAt", "claimedBy", "comment", "createdAt", "decidedAt", "decidedBy", "decision", "dueAt", "field", "id", "kind", "score", "status", "summary" FROM "Task";
DROP TABLE "Task";
ALTER TABLE "new_Task" RENAME TO "Task";
CREATE INDEX "Task_status_kind_field_idx" ON "Task"("status", "kind", "field");
CREATE INDEX "Task_caseId_idx" ON "Task"("caseId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Honouree_lookupKey_key" ON "Honouree"("lookupKey");

-- CreateIndex
CREATE INDEX "CommitteeVote_caseId_idx" ON "CommitteeVote"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "CommitteeVote_taskId_memberId_key" ON "CommitteeVote"("taskId", "memberId");

-- CreateIndex
CREATE INDEX "Objection_caseId_idx" ON "Objection"("caseId");

-- CreateIndex
CREATE INDEX "FraudReport_caseId_idx" ON "FraudReport"("caseId");

-- CreateIndex
CREATE INDEX "AuditEntry_caseId_idx" ON "AuditEntry"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "Case_activeNomineeKey_key" ON "Case"("activeNomineeKey");

