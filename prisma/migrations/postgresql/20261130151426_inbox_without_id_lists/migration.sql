-- CreateIndex
CREATE INDEX "Task_status_candidateGroup_campaignId_dueAt_idx" ON "Task"("status", "candidateGroup", "campaignId", "dueAt");

-- CreateIndex
CREATE INDEX "CommitteeVote_memberId_idx" ON "CommitteeVote"("memberId");

-- AddForeignKey
ALTER TABLE "CommitteeVote" ADD CONSTRAINT "CommitteeVote_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

