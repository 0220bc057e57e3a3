-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CommitteeVote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "taskId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "score" REAL,
    "comment" TEXT,
    "at" DATETIME NOT NULL,
    CONSTRAINT "CommitteeVote_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_CommitteeVote" ("at", "caseId", "comment", "decision", "id", "memberId", "score", "taskId") SELECT "at", "caseId", "comment", "decision", "id", "memberId", "score", "taskId" FROM "CommitteeVote";
DROP TABLE "CommitteeVote";
ALTER TABLE "new_CommitteeVote" RENAME TO "CommitteeVote";
CREATE INDEX "CommitteeVote_caseId_idx" ON "CommitteeVote"("caseId");
CREATE INDEX "CommitteeVote_memberId_idx" ON "CommitteeVote"("memberId");
CREATE UNIQUE INDEX "CommitteeVote_taskId_memberId_key" ON "CommitteeVote"("taskId", "memberId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Task_status_candidateGroup_campaignId_dueAt_idx" ON "Task"("status", "candidateGroup", "campaignId", "dueAt");

