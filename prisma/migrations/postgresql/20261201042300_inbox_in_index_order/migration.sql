-- DropIndex
DROP INDEX "Task_status_candidateGroup_campaignId_dueAt_idx";

-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "maskedPhone" TEXT;

-- CreateIndex
CREATE INDEX "Task_status_candidateGroup_campaignId_dueAt_priority_create_idx" ON "Task"("status", "candidateGroup", "campaignId", "dueAt", "priority" DESC, "createdAt", "id");

-- CreateIndex
CREATE INDEX "Task_status_candidateGroup_dueAt_priority_createdAt_id_idx" ON "Task"("status", "candidateGroup", "dueAt", "priority" DESC, "createdAt", "id");

-- CreateIndex
CREATE INDEX "Task_status_escalatedAt_idx" ON "Task"("status", "escalatedAt");

