-- CreateTable
CREATE TABLE "Campaign" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "submissionDeadline" DATETIME NOT NULL,
    "reviewDeadline" DATETIME NOT NULL,
    "deadlinesVersion" INTEGER NOT NULL DEFAULT 1,
    "winnerCap" INTEGER NOT NULL DEFAULT 100,
    "publicNoticePeriod" TEXT NOT NULL DEFAULT 'P7D',
    "committeeQuorum" INTEGER NOT NULL DEFAULT 1,
    "quotaAssociation" INTEGER NOT NULL DEFAULT 3,
    "quotaMemberUnit" INTEGER NOT NULL DEFAULT 1,
    "quotaBranch" INTEGER NOT NULL DEFAULT 10,
    "selectionLock" INTEGER NOT NULL DEFAULT 0,
    "roundClosedAt" DATETIME,
    "noticeEndsAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "username" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "roles" TEXT NOT NULL,
    "fields" TEXT NOT NULL DEFAULT '[]',
    "unit" TEXT,
    "unitKind" TEXT,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Case" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "recommendingUnit" TEXT NOT NULL,
    "submittedByUserId" TEXT,
    "idempotencyKey" TEXT,
    "applicantEmail" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'zh-CN',
    "nomineeName" TEXT NOT NULL,
    "form" TEXT NOT NULL,
    "mediaAwardCount" INTEGER NOT NULL DEFAULT 0,
    "accessTokenHash" TEXT,
    "status" TEXT NOT NULL,
    "lastSeq" INTEGER NOT NULL DEFAULT 0,
    "score" REAL,
    "rank" INTEGER,
    "selected" BOOLEAN,
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Case_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SealedForm" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "storedName" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "uploadedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SealedForm_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TimelineEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "note" TEXT,
    "actorId" TEXT,
    CONSTRAINT "TimelineEntry_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Task" (
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
    "claimedBy" TEXT,
    "claimedAt" DATETIME,
    "decision" TEXT,
    "comment" TEXT,
    "score" REAL,
    "decidedBy" TEXT,
    "decidedAt" DATETIME,
    CONSTRAINT "Task_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Outbox" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME
);

-- CreateTable
CREATE TABLE "NoticeEntry" (
    "caseId" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "publishedAt" DATETIME NOT NULL,
    "withdrawnAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_code_key" ON "Campaign"("code");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Case_workflowId_key" ON "Case"("workflowId");

-- CreateIndex
CREATE UNIQUE INDEX "Case_idempotencyKey_key" ON "Case"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "Case_accessTokenHash_key" ON "Case"("accessTokenHash");

-- CreateIndex
CREATE INDEX "Case_campaignId_status_idx" ON "Case"("campaignId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "SealedForm_storedName_key" ON "SealedForm"("storedName");

-- CreateIndex
CREATE INDEX "SealedForm_caseId_idx" ON "SealedForm"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "TimelineEntry_caseId_seq_key" ON "TimelineEntry"("caseId", "seq");

-- CreateIndex
CREATE INDEX "Task_status_kind_field_idx" ON "Task"("status", "kind", "field");

-- CreateIndex
CREATE INDEX "Task_caseId_idx" ON "Task"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "Outbox_key_key" ON "Outbox"("key");

-- CreateIndex
CREATE INDEX "Outbox_caseId_idx" ON "Outbox"("caseId");

-- CreateIndex
CREATE INDEX "NoticeEntry_campaignId_idx" ON "NoticeEntry"("campaignId");

