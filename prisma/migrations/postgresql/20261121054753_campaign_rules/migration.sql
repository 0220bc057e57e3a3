-- AlterTable
ALTER TABLE "User" ADD COLUMN     "email" TEXT;

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "activeNomineeKey" TEXT,
ADD COLUMN     "quotaKey" TEXT;

-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "escalatedAt" TIMESTAMP(3),
ADD COLUMN     "priority" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "QuotaUsage" (
    "campaignId" TEXT NOT NULL,
    "unitKey" TEXT NOT NULL,
    "used" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "QuotaUsage_pkey" PRIMARY KEY ("campaignId","unitKey")
);

-- CreateTable
CREATE TABLE "Honouree" (
    "id" TEXT NOT NULL,
    "lookupKey" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Honouree_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommitteeVote" (
    "id" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "score" DOUBLE PRECISION,
    "comment" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CommitteeVote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Objection" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "contact" TEXT,
    "lodgedBy" TEXT,
    "lodgedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "taskId" TEXT,
    "ruling" TEXT,
    "ruledAt" TIMESTAMP(3),

    CONSTRAINT "Objection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FraudReport" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "evidence" TEXT,
    "reportedBy" TEXT NOT NULL,
    "reportedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "taskId" TEXT,
    "ruling" TEXT,
    "ruledAt" TIMESTAMP(3),

    CONSTRAINT "FraudReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "caseId" TEXT,
    "details" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

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

