-- AlterTable
ALTER TABLE "Case" ADD COLUMN "promotedFor" TEXT;

-- AlterTable
ALTER TABLE "Task" ADD COLUMN "revokedAt" DATETIME;

-- CreateTable
CREATE TABLE "NoticeCorrection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "publishedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "NoticeCorrection_campaignId_idx" ON "NoticeCorrection"("campaignId");

-- CreateIndex
CREATE UNIQUE INDEX "NoticeCorrection_caseId_kind_key" ON "NoticeCorrection"("caseId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "Case_promotedFor_key" ON "Case"("promotedFor");

